package io.custodia.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The phone detector's shortcuts against the slow paths they skip, on random numbers: the direct split of international
 * numbers against libphonenumber's parser, and the cheap tests that turn a run down before any parsing.
 */
class PhoneDuelTest {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    @Test
    void directSplitAgreesWithParseWheneverItDecides() {
        Random random = new Random(Seeds.seed("phone-direct"));
        List<Integer> codes = new ArrayList<>();
        // In a fixed order: a set's order changes from one JVM to the next, and a logged seed must replay the same numbers.
        for (String region : new TreeSet<>(PhoneDetector.DIRECT_REGIONS)) {
            codes.add(PHONES.getCountryCodeForRegion(region));
        }
        // Some countries outside the fast path too, so that declining to decide is exercised.
        codes.addAll(List.of(54, 52, 55, 7, 86, 81, 61, 971, 1, 39, 7));
        int decided = 0;
        int valid = 0;
        for (int n = 0; n < 200_000; n++) {
            String written = written(random, codes.get(random.nextInt(codes.size())));
            PhoneNumber direct = PhoneDetector.direct(written);
            if (direct == null) {
                continue;
            }
            decided++;
            PhoneNumber parsed = parse(written);
            assertThat(direct).as(written).isEqualTo(parsed);
            if (PHONES.isValidNumber(direct)) {
                valid++;
            }
        }
        // Random digits are mostly invalid numbers, but enough are valid for the comparison to mean something.
        assertThat(decided).isGreaterThan(100_000);
        assertThat(valid).isGreaterThan(5_000);
    }

    @Test
    void declinesWhatOnlyTheParserKnows() {
        assertThat(PhoneDetector.direct("+41 (0)44 668 18 00")).isNull();
        assertThat(PhoneDetector.direct("+41 044 668 18 00")).isNull();
        assertThat(PhoneDetector.direct("+39 06 1234 5678")).isNull();
        assertThat(PhoneDetector.direct("+54 9 11 1234 5678")).isNull();
        assertThat(PhoneDetector.direct("+41 44 668 18 00")).isEqualTo(parse("+41 44 668 18 00"));
    }

    @Test
    void aRunTurnedDownBeforeParsingIsOneTheFullCheckRejects() {
        Random random = new Random(Seeds.seed("phone-may-be-valid"));
        for (List<String> regions : List.of(List.of("CH", "DE", "FR", "IT", "AT", "GB", "US"), List.of("CH", "DE"))) {
            PhoneDetector detector = new PhoneDetector(regions);
            int turnedDown = 0;
            int valid = 0;
            for (int n = 0; n < 100_000; n++) {
                String candidate = candidate(random, regions);
                int digits = (int) candidate.chars().filter(Character::isDigit).count();
                char firstDigit = (char) candidate.chars().filter(Character::isDigit).findFirst().orElseThrow();
                boolean whole = random.nextBoolean();
                if (digits < 7 || digits > 15) {
                    continue;
                }
                String e164 = detector.valid(candidate, digits, whole);
                if (e164 != null) {
                    valid++;
                }
                if (!detector.mayBeValid(candidate.charAt(0), firstDigit, digits, whole)) {
                    turnedDown++;
                    assertThat(e164).as("%s in %s", candidate, regions).isNull();
                }
            }
            assertThat(turnedDown).as("turned down early").isGreaterThan(10_000);
            assertThat(valid).as("valid").isGreaterThan(10_000);
        }
    }

    @Test
    void everyDateOrIsbnPassesTheCheapTestInFrontOfThePatterns() {
        Random random = new Random(Seeds.seed("phone-date-isbn"));
        // What the detector hands over: digits and separators (a letter ends the run before it gets here).
        String alphabet = "0123456789-./ ()";
        int matched = 0;
        for (int n = 0; n < 200_000; n++) {
            // One separator through most runs, as dates and ISBNs are printed; ISBN-13 prefixes now and then.
            char separator = "-./".charAt(random.nextInt(3));
            StringBuilder run = new StringBuilder(random.nextInt(4) == 0 ? "97" + (char) ('7' + random.nextInt(4)) + separator : "");
            int groups = 1 + random.nextInt(6);
            for (int g = 0; g < groups; g++) {
                if (g > 0) {
                    run.append(random.nextInt(8) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : separator);
                }
                for (int d = 1 + random.nextInt(5); d > 0; d--) {
                    run.append(random.nextInt(40) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : (char) ('0' + random.nextInt(10)));
                }
            }
            String text = run.toString();
            if (PhoneDetector.DATE.matcher(text).matches() || PhoneDetector.ISBN.matcher(text).matches()) {
                matched++;
                assertThat(PhoneDetector.maybeDateOrIsbn(text, 0, text.length())).as(text).isTrue();
            }
        }
        assertThat(matched).isGreaterThan(1_000);
    }

    /**
     * A run as the detector hands it on: example numbers of the regions written nationally and internationally, with a
     * digit changed now and then, and random digit groups after a plus, a bracket, a zero or any digit.
     */
    private static String candidate(Random random, List<String> regions) {
        if (random.nextBoolean()) {
            String region = regions.get(random.nextInt(regions.size()));
            PhoneNumberUtil.PhoneNumberType[] types = {PhoneNumberUtil.PhoneNumberType.FIXED_LINE, PhoneNumberUtil.PhoneNumberType.MOBILE};
            PhoneNumber example = PHONES.getExampleNumberForType(region, types[random.nextInt(types.length)]);
            PhoneNumberUtil.PhoneNumberFormat[] formats = {PhoneNumberUtil.PhoneNumberFormat.NATIONAL,
                PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL, PhoneNumberUtil.PhoneNumberFormat.E164};
            char[] written = PHONES.format(example, formats[random.nextInt(formats.length)]).toCharArray();
            for (int i = written.length - 1; i > written.length - 4; i--) {
                if (Character.isDigit(written[i]) && random.nextInt(3) == 0) {
                    written[i] = (char) ('0' + random.nextInt(10));
                }
            }
            return new String(written);
        }
        StringBuilder out = new StringBuilder();
        switch (random.nextInt(5)) {
            case 0 -> out.append('+');
            case 1 -> out.append('(');
            case 2 -> out.append('0');
            case 3 -> out.append("00");
            default -> { }
        }
        String[] separators = {" ", "-", ".", "/", ") ", "\u00a0", "\u200b", ""};
        int digits = 7 + random.nextInt(9);
        for (int i = 0; i < digits; i++) {
            if (i > 0 && random.nextInt(3) == 0) {
                out.append(separators[random.nextInt(separators.length)]);
            }
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    private static PhoneNumber parse(String written) {
        try {
            return PHONES.parse(written, "ZZ");
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** "+CC" then 4 to 14 digits, grouped by one separator, the national part sometimes starting with 0 or 1. */
    private static String written(Random random, int countryCode) {
        StringBuilder out = new StringBuilder("+").append(countryCode);
        String[] separators = {" ", " ", "-", ".", "/", ""};
        String separator = separators[random.nextInt(separators.length)];
        int digits = 4 + random.nextInt(11);
        for (int i = 0; i < digits; i++) {
            if (i == 0 || (i > 1 && random.nextInt(3) == 0)) {
                out.append(separator);
            }
            int first = random.nextInt(20);
            out.append((char) ('0' + (i == 0 && first < 17 ? 2 + random.nextInt(8) : random.nextInt(10))));
        }
        return out.toString();
    }
}

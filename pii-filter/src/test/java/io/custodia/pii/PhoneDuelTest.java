package io.custodia.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The phone detector's direct split of international numbers against libphonenumber's parser, on random numbers. */
class PhoneDuelTest {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    @Test
    void directSplitAgreesWithParseWheneverItDecides() {
        Random random = new Random(Seeds.seed("phone-direct"));
        List<Integer> codes = new ArrayList<>();
        for (String region : PhoneDetector.DIRECT_REGIONS) {
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

package io.custodia.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Each detector's cheap gates ({@link Detector#canStartWith}, {@link Detector#mayMatch},
 * {@link Detector#mayStartAtLetters}, {@link Detector#mayStartAtNumber}, {@link Detector#requiredChars})
 * against its own {@link Detector#match} on random text dense in digits, separators and address chars: wherever a gate
 * says no, match must find nothing, or the scanner would miss a value that a full look finds.
 */
class GateDuelTest {

    /** Pieces that make near misses likely: digit groups, every separator the detectors know, brackets and '@'. */
    private static final String[] PIECES = {"0", "1", "4", "7", "9", "00", "41", "44", "756", "1234", "668", "2003", "12",
        "255", "4111", "CH93", "DE", "GB82", "fe80", "ab", "fe", "dead", "beef", "Anna", "Muster", "jane", "doe", "example",
        "org", "com", "x", " ", " ", " ", "  ", ".", ".", "-", "/", "(", ")", "[", "]", "{", "<", ">", ":", "::", "+", "@",
        "_", "%", "'", ",", "\n", "\u00a0", "\u200b", "\u00ad", "\u2009", "é", "東", "at", "dot", "(at)", "[dot]", " (at) ",
        "#", "v"};
    /** Whole values, so that every detector has something to find; IPv6 with a first group of letters, private or not. */
    private static final String[] VALUES = {"jane.doe@example.org", "jane (at) example (dot) org", "info[at]example.com",
        "+41 44 668 18 00", "044 668 18 00", "(201) 555-0123", "8.8.8.8", "2001:db8::1", "fe80::1", "dead:beef::1",
        "2a00:1450:4007:80e::200e", "::ffff:8.8.8.8", "CH93 0076 2011 6238 5295 7", "4111 1111 1111 1111",
        "756.9217.0769.85", "Anna Muster"};

    @Test
    void aGateThatSaysNoHidesNothingThatMatchFinds() throws Exception {
        long seed = Seeds.seed("gate-duel");
        Random random = new Random(seed);
        List<Detector> detectors = List.of(new EmailDetector(), new IbanDetector(), new AhvDetector(), new PaymentCardDetector(),
                new IpAddressDetector(true), new IpAddressDetector(false), new PhoneDetector(PiiFilter.DEFAULT_REGIONS),
                new BundleDetector(bundle()));
        int window = detectors.stream().mapToInt(Detector::maxLength).max().orElseThrow() + 1;
        int[] gatedAway = new int[detectors.size()];
        int found = 0;
        for (int round = 0; round < 3_000; round++) {
            String text = text(random);
            for (int start = 0; start < text.length(); start++) {
                if (start > 0 && Chars.wordChar(text.charAt(start - 1))) {
                    continue;
                }
                // The whole text, and a prefix as a stream has it, cut anywhere after the start.
                int end = random.nextBoolean() ? text.length() : start + 1 + random.nextInt(text.length() - start);
                int cap = Math.min(end, start + window);
                int wordEnd = start;
                while (wordEnd < cap && Chars.wordChar(text.charAt(wordEnd))) {
                    wordEnd++;
                }
                for (int d = 0; d < detectors.size(); d++) {
                    Detector detector = detectors.get(d);
                    Span span = detector.match(text, start, end);
                    found += span == null ? 0 : 1;
                    String gate = !detector.canStartWith(text.charAt(start)) ? "canStartWith"
                            : !detector.mayMatch(text, start, wordEnd, end) ? "mayMatch"
                            : shortNumber(text, start, wordEnd, end)
                                    && !detector.mayStartAtNumber(text.charAt(wordEnd), text.charAt(wordEnd + 1)) ? "mayStartAtNumber"
                            : letters(text, start, wordEnd, end) && !detector.mayStartAtLetters(text.charAt(wordEnd))
                                    ? "mayStartAtLetters"
                            : letters(text, start, wordEnd, end) && wordEnd + 1 < end
                                    && !detector.mayStartAtLetters(text.charAt(wordEnd), text.charAt(wordEnd + 1))
                                    ? "mayStartAtLetters with the char after"
                            : !holdsRequired(detector, text, start, end) ? "requiredChars" : null;
                    if (gate != null) {
                        gatedAway[d]++;
                        assertThat(span).as("seed %d: %s at %d of %s (end %d): %s said no", seed,
                                detector.type(), start, text.substring(0, end), end, gate).isNull();
                    }
                }
            }
        }
        // Only means something if values were found and every detector's gates turned starts away.
        assertThat(found).isGreaterThan(100);
        for (int d = 0; d < detectors.size(); d++) {
            assertThat(gatedAway[d]).as("starts turned away by %s's gates", detectors.get(d).type()).isGreaterThan(1_000);
        }
    }

    /** A word of at most {@link PiiScanner#SHORT_NUMBER} ASCII digits followed by two ASCII chars, as the scanner asks {@code mayStartAtNumber} about. */
    private static boolean shortNumber(String text, int start, int wordEnd, int end) {
        if (wordEnd - start < 1 || wordEnd - start > PiiScanner.SHORT_NUMBER || wordEnd + 1 >= end || text.charAt(wordEnd) >= 128
                || text.charAt(wordEnd + 1) >= 128) {
            return false;
        }
        for (int i = start; i < wordEnd; i++) {
            if (!Chars.digit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A word of letters of any script that ends before the text does, as the scanner asks {@code mayStartAtLetters} about. */
    private static boolean letters(String text, int start, int wordEnd, int end) {
        if (wordEnd == start || wordEnd >= end || Chars.wordChar(text.charAt(wordEnd))) {
            return false;
        }
        for (int i = start; i < wordEnd; i++) {
            if (Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean holdsRequired(Detector detector, String text, int start, int end) {
        String required = detector.requiredChars();
        if (required.isEmpty()) {
            return true;
        }
        for (int i = start; i < Math.min(end, start + detector.maxLength() + 1); i++) {
            if (required.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = 1 + random.nextInt(30);
        for (int i = 0; i < pieces; i++) {
            text.append(random.nextInt(10) == 0 ? VALUES[random.nextInt(VALUES.length)] : PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    private static Bundle bundle() throws Exception {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        BundleBuilder builder = new BundleBuilder("CH", HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"));
        builder.add(IdentifierKind.NAME, "Anna Muster");
        builder.add(IdentifierKind.EMAIL, "jane.doe@example.org");
        builder.add(IdentifierKind.PHONE, "+41 44 668 18 00");
        byte[] bytes = builder.build(new BundleBuilder.Release("gates", now, now.plus(Duration.ofDays(1)), "gates"), keys.getPrivate());
        return ((Bundle.Loading.Loaded) Bundle.load(bytes, keys.getPublic(), Clock.fixed(now, ZoneOffset.UTC))).bundle();
    }
}

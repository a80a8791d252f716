package io.custodia.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scanner's shortcuts (first-char tables, word-end gates, the first-word filter, plain-word runs, sentence ends,
 * short numbers) against a naive scan that asks every detector at every position outside a word, on random text: they
 * may only save work, never change what is found. Two names begin with a number, which the short-number shortcut must
 * not pass over.
 */
class ScannerDuelTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final String[] NAMES = {"Anna Muster", "Marco Rossi", "Jane Doe", "Zoë Müller", "Li Wei", "Æsa Groß",
        "Maximilian Huber", "Jürgen Weiß", "Weißbach Tom", "Grünewaldhausen Ida", "Bartholomäus Wunderlich", "007 Bond",
        "12 Monkeys"};

    /**
     * Both first-word hashes a bundle may use, or no bundle (empty), and the scanner with and without the vector path for
     * plain words.
     */
    @ParameterizedTest
    @CsvSource({"MULXOR4, true", "MULXOR4, false", "MULXOR, true", "MULXOR, false", ", true", ", false"})
    void findsWhatANaiveScanFinds(FirstWordHash firstWordHash, boolean vectors) throws Exception {
        // The build runs every JVM with the Vector API; without it the vector path would go untested.
        assertThat(PiiScanner.VECTORS).as("the JVM runs with --add-modules jdk.incubator.vector").isTrue();
        long seed = Seeds.seed("scanner-duel");
        Random random = new Random(seed);
        List<Detector> detectors = new ArrayList<>(List.of(new EmailDetector(), new IbanDetector(), new AhvDetector(),
                new PaymentCardDetector(), new IpAddressDetector(true), new PhoneDetector(PiiFilter.DEFAULT_REGIONS)));
        if (firstWordHash != null) {
            detectors.add(new BundleDetector(bundle(firstWordHash)));
        }
        PiiScanner scanner = new PiiScanner(detectors, vectors);
        List<PiiType> types = new ArrayList<>();
        for (int doc = 0; doc < 300; doc++) {
            String text = document(random);
            List<Span> found = new ArrayList<>();
            scanner.scan(text.toCharArray(), text, 0, text.length(), text.length(), found::add);
            assertThat(found).as("seed %d doc %d: %s", seed, doc, text).isEqualTo(naive(detectors, text));
            found.forEach(span -> types.add(span.type()));
        }
        // The duel means something only if there was plenty to find, of every kind planted.
        assertThat(types).contains(PiiType.EMAIL, PiiType.PHONE, PiiType.IBAN);
        if (firstWordHash != null) {
            assertThat(types).contains(PiiType.NAME);
        }
    }

    /** Generated text with names from the bundle, their first names alone, and sentence ends in front of addresses. */
    private static String document(Random random) {
        TextGenerator generator = new TextGenerator(random);
        StringBuilder text = new StringBuilder(generator.document(10 + random.nextInt(120)));
        for (int i = 0; i < 6; i++) {
            int at = random.nextInt(text.length() + 1);
            String name = NAMES[random.nextInt(NAMES.length)];
            String insert = switch (random.nextInt(5)) {
                case 0 -> " " + name + " ";
                case 1 -> " " + name.substring(0, name.indexOf(' ')) + ". ";
                case 2 -> " the end. " + name.toLowerCase().replace(' ', '.') + "@example.org ";
                case 3 -> " " + name.replace(' ', '.') + ".";
                default -> " word.x word. y word.@ word..z ";
            };
            text.insert(at, insert);
        }
        return text.toString();
    }

    private static List<Span> naive(List<Detector> detectors, String text) {
        List<Span> spans = new ArrayList<>();
        int p = 0;
        while (p < text.length()) {
            if (p > 0 && Chars.wordChar(text.charAt(p - 1))) {
                p++;
                continue;
            }
            Span best = null;
            for (Detector detector : detectors) {
                Span span = detector.match(text, p, text.length());
                if (span != null && (best == null || span.end() > best.end())) {
                    best = span;
                }
            }
            if (best == null) {
                p++;
            } else {
                spans.add(best);
                p = best.end();
            }
        }
        return spans;
    }

    private static Bundle bundle(FirstWordHash firstWordHash) throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        BundleBuilder builder = new BundleBuilder("CH", HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"), firstWordHash);
        for (String name : NAMES) {
            builder.add(IdentifierKind.NAME, name);
        }
        byte[] bytes = builder.build(new BundleBuilder.Release("duel", NOW, NOW.plus(Duration.ofDays(1)), "duel"), keys.getPrivate());
        return ((Bundle.Loading.Loaded) Bundle.load(bytes, keys.getPublic(), Clock.fixed(NOW, ZoneOffset.UTC))).bundle();
    }
}

package io.custodia.optout.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.optout.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Content fingerprints against a naive reading of their specification in docs/optout-index.md (split into words of
 * letters and digits by code point, lower-case, FNV-1a each word, then every run from each word on), on random text
 * with accents, other scripts, surrogate pairs, digits, punctuation and odd spacing, char by char and with vectors of
 * every width, and across the scan's segments.
 */
class ShinglesDuelTest {

    private static final String[] PIECES = {"Call", "me", "ISHMAEL", "élève", "Straße", "ÉCOLE", "naïve", "東京", "данные",
        "𝔘𝔫𝔦", "🙂", "x2", "2024", "l'été", "e\u0301", "İstanbul", "ǅemal", "ﬁne", "Ｆｕｌｌ"};
    private static final String[] GAPS = {" ", "  ", "\n", ", ", ". ", "\t", " — ", "-", "'", "\u00a0", ""};

    @Test
    void agreesWithTheSpecification() {
        assertThat(ShingleScan.VECTORS).as("the JVM runs with --add-modules jdk.incubator.vector, so every path is held").isTrue();
        Random random = new Random(Seeds.seed("shingles-duel"));
        for (int round = 0; round < 300; round++) {
            // Now and then runs of up to 64 words or of hundreds of chars, and texts of more words than a batch reads.
            Shingles shingles = round % 10 == 9
                    ? new Shingles(2 + random.nextInt(63), random.nextInt(600))
                    : new Shingles(2 + random.nextInt(9), random.nextInt(60));
            StringBuilder text = new StringBuilder();
            // Now and then a text of several segments, so that words, runs and surrogate pairs cross their ends.
            int pieces = round % 25 == 12 ? 6000 + random.nextInt(4000) : round % 4 == 3 ? 1500 : 60;
            for (int i = random.nextInt(pieces); i > 0; i--) {
                text.append(PIECES[random.nextInt(PIECES.length)]).append(GAPS[random.nextInt(GAPS.length)]);
            }
            assertAgrees(shingles, text.toString());
        }
    }

    @Test
    void segmentEndsChangeNothing() {
        Random random = new Random(Seeds.seed("shingles-segments"));
        String[] tails = {"𝔘𝔫𝔦 Straße ÉCOLE 12345 naïve", "🙂 x2 данные 2024", "l'été İstanbul ǅemal ﬁne Ｆｕｌｌ"};
        for (int shift = -40; shift <= 40; shift++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < ShingleScan.SEGMENT + shift - 4) {
                text.append(PIECES[random.nextInt(3)]).append(' ');
            }
            text.setLength(ShingleScan.SEGMENT + shift - 4);
            text.append(tails[Math.floorMod(shift, tails.length)]).append(" and some more words to end the last run");
            assertAgrees(Shingles.DEFAULT, text.toString());
        }
        // One word longer than two segments, between ordinary ones.
        assertAgrees(Shingles.DEFAULT, "it began " + "Ab9".repeat(ShingleScan.SEGMENT) + " and ended with these eight words");
        assertAgrees(new Shingles(3, 0), "x".repeat(ShingleScan.SEGMENT) + " " + "y".repeat(ShingleScan.SEGMENT) + " z");
    }

    private static void assertAgrees(Shingles shingles, String text) {
        List<Long> expected = naive(shingles, text);
        // Char by char, and in vectors of the widths that machines prefer: this one's and the others'.
        for (int lanes : new int[] {0, 8, 16, 32}) {
            List<Long> actual = new ArrayList<>();
            ShingleScan.each(shingles, text, f -> !actual.add(f), lanes);
            assertThat(actual).as("%s with %s, %d lanes", text.length() > 400 ? text.substring(0, 400) + "…" : text,
                    shingles, lanes).isEqualTo(expected);
        }
    }

    private static List<Long> naive(Shingles shingles, String text) {
        List<Long> words = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        int[] points = text.codePoints().toArray();
        for (int i = 0; i < points.length; ) {
            if (!Character.isLetterOrDigit(points[i])) {
                i++;
                continue;
            }
            long h = 0xcbf29ce484222325L;
            int length = 0;
            for (; i < points.length && Character.isLetterOrDigit(points[i]); i++, length++) {
                h = (h ^ Character.toLowerCase(points[i])) * 0x100000001b3L;
            }
            words.add(h);
            lengths.add(length);
        }
        List<Long> fingerprints = new ArrayList<>();
        for (int start = 0; start < words.size(); start++) {
            int chars = 0;
            for (int end = start; end < words.size(); end++) {
                chars += lengths.get(end) + (end > start ? 1 : 0);
                int count = end - start + 1;
                if (count == shingles.words() || chars >= shingles.minChars()) {
                    long run = 0;
                    for (int k = start; k <= end; k++) {
                        run = (run ^ words.get(k)) * 0x9E3779B97F4A7C15L;
                    }
                    fingerprints.add(finish(run ^ count));
                    break;
                }
            }
        }
        return fingerprints;
    }

    private static long finish(long h) {
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}

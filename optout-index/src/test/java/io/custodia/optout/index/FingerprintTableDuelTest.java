package io.custodia.optout.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.optout.Seeds;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fingerprint table's chunked lookup, which reads the filter for a whole chunk before deciding, against looking
 * each fingerprint up in turn, on random tables and texts (the key 0 included, hits early, late and across chunks).
 */
class FingerprintTableDuelTest {

    private static final String[] WORDS = {"call", "me", "ishmael", "some", "years", "ago", "never", "mind", "how",
        "long", "precisely", "having", "little", "or", "no", "money", "in", "my", "purse"};

    @Test
    void chunkedLookupsFindTheFirstHitAsOneByOneDoes() {
        Random random = new Random(Seeds.seed("fingerprint-table-duel"));
        Shingles shingles = new Shingles(2 + random.nextInt(7), random.nextInt(40));
        for (int round = 0; round < 200; round++) {
            int keys = random.nextInt(50);
            FingerprintTable table = new FingerprintTable(Math.max(1, keys));
            String protectedText = text(random, 3 + random.nextInt(20));
            long[] protectedFingerprints = shingles.of(protectedText);
            for (int i = 0; i < keys; i++) {
                long key = random.nextInt(10) == 0 ? 0 : random.nextBoolean() && protectedFingerprints.length > 0
                        ? protectedFingerprints[random.nextInt(protectedFingerprints.length)] : random.nextLong();
                table.putIfAbsent(key, i);
            }
            // Documents of up to about 600 words: the chunk of 256 fingerprints is crossed, and a copied passage lands anywhere.
            String document = text(random, random.nextInt(300)) + (random.nextBoolean() ? " " + protectedText + " " : " ")
                    + text(random, random.nextInt(300));
            // Then a document of its own words on the same thread: nothing of the first may carry over into its lookups.
            for (String text : List.of(document, text(random, random.nextInt(300)))) {
                int[] expected = {-1};
                shingles.each(text, key -> (expected[0] = table.get(key)) >= 0);
                assertThat(table.firstHit(shingles, text)).as("round %d", round).isEqualTo(expected[0]);
            }

            long[] random64 = new long[1 + random.nextInt(300)];
            for (int i = 0; i < random64.length; i++) {
                random64[i] = random.nextInt(8) == 0 ? 0 : random.nextLong();
            }
            int naive = -1;
            for (long key : random64) {
                if ((naive = table.get(key)) >= 0) {
                    break;
                }
            }
            assertThat(table.firstHit(random64, random64.length, new long[random64.length], new int[random64.length])).isEqualTo(naive);
        }
    }

    private static String text(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(6) == 0 ? ",\n" : " ");
        }
        return text.toString();
    }
}

package io.custodia.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The branch-free hash of short ASCII words against the specification's unit-by-unit reading, on random words. */
class FirstWordHashDuelTest {

    @Test
    void shortWordsHashAsTheirUnitsDo() {
        long seed = Seeds.seed("first-word-hash-duel");
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            long key = random.nextLong();
            int length = 1 + random.nextInt(12);
            // Letters of either case, then whatever follows the word in the text, which must not count.
            char[] chars = new char[length + 8 + random.nextInt(3)];
            for (int k = 0; k < chars.length; k++) {
                chars[k] = k < length ? (char) ((random.nextBoolean() ? 'a' : 'A') + random.nextInt(26)) : (char) random.nextInt(0x3000);
            }
            String word = new String(chars, 0, length);
            String lower = word.toLowerCase(java.util.Locale.ROOT);
            for (FirstWordHash hash : FirstWordHash.values()) {
                long expected = units(hash, key, lower);
                assertThat(hash.raw(key, word, 0, length, true)).as("seed %d, %s %s", seed, hash, word).isEqualTo(expected);
            }
            if (length <= 8) {
                assertThat(FirstWordHash.mulxor4Short(key, chars, 0, length)).as("seed %d, %s", seed, word)
                        .isEqualTo(units(FirstWordHash.MULXOR4, key, lower));
            }
        }
    }

    /** The specification read literally: units one at a time, or four to a little-endian group padded with zeros. */
    private static long units(FirstWordHash hash, long key, String word) {
        long h = key;
        if (hash == FirstWordHash.MULXOR) {
            for (char unit : word.toCharArray()) {
                h = (h ^ unit) * FirstWordHash.MULTIPLIER;
            }
            return h;
        }
        for (int from = 0; from < word.length(); from += 4) {
            long group = 0;
            for (int k = 0; k < 4 && from + k < word.length(); k++) {
                group |= (long) word.charAt(from + k) << 16 * k;
            }
            h = (h ^ group) * FirstWordHash.MULTIPLIER;
        }
        return h;
    }
}

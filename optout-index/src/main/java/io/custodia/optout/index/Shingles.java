package io.custodia.optout.index;

import java.util.function.LongPredicate;
import java.util.stream.LongStream;

/**
 * Fingerprints of verbatim passages: from every word on, the run of consecutive words that first reaches
 * {@code words} words or {@code minChars} chars (words joined by single spaces), hashed to 64 bits. The default, 8 words
 * or 50 chars, follows verbatim-memorization practice. Words are runs of letters and digits, lower-cased, so line
 * breaks, spacing, punctuation and case do not hide a copied passage. Where a run ends depends only on the words from
 * its start, so a copy yields the same runs as the original. Specified in docs/optout-index.md.
 */
record Shingles(int words, int minChars) {

    static final Shingles DEFAULT = new Shingles(8, 50);
    private static final int RING = 64;

    Shingles {
        if (words < 2 || words > 64 || minChars < 0) {
            throw new IllegalArgumentException("a shingle has 2 to 64 words and a non-negative minimum length");
        }
    }

    /** The distinct fingerprints of a protected text, sorted. */
    long[] of(String text) {
        LongStream.Builder fingerprints = LongStream.builder();
        each(text, h -> {
            fingerprints.add(h);
            return false;
        });
        return fingerprints.build().sorted().distinct().toArray();
    }

    /** Calls {@code found} with each fingerprint in text order until it returns true; returns whether it did. */
    boolean each(String text, LongPredicate found) {
        // The words of the runs not yet complete, oldest first, in a ring of 64 (at least {@code words}).
        long[] hashes = new long[RING];
        int[] lengths = new int[RING];
        int first = 0;
        int count = 0;
        int chars = 0;
        int i = 0;
        int n = text.length();
        // Read from an array: String.charAt checks the string's coder on every call, a tenth of this loop's time.
        char[] cs = text.toCharArray();
        while (i < n) {
            int c = cs[i];
            if (c < 128 ? ASCII_WORD[c] == 0 : !Character.isLetterOrDigit(c = Character.codePointAt(cs, i))) {
                i += Character.charCount(c);
                continue;
            }
            long h = 0xcbf29ce484222325L;
            int length = 0;
            while (i < n) {
                c = cs[i];
                // ASCII through a table, the rest through Character: the same answers, without its lookups per char.
                int lower = c < 128 ? ASCII_WORD[c] : Character.isLetterOrDigit(c = Character.codePointAt(cs, i)) ? Character.toLowerCase(c) : 0;
                if (lower == 0) {
                    break;
                }
                h = (h ^ lower) * 0x100000001b3L;
                length++;
                i += Character.charCount(c);
            }
            int slot = (first + count) & (RING - 1);
            hashes[slot] = h;
            lengths[slot] = length;
            chars += (count > 0 ? 1 : 0) + length;
            count++;
            // Every run that the new word completes, from the oldest start on.
            while (count > 0 && (count == words || chars >= minChars)) {
                long run = 0;
                for (int k = 0; k < count; k++) {
                    run = (run ^ hashes[(first + k) & (RING - 1)]) * 0x9E3779B97F4A7C15L;
                }
                if (found.test(finish(run ^ count))) {
                    return true;
                }
                chars -= lengths[first] + (count > 1 ? 1 : 0);
                first = (first + 1) & (RING - 1);
                count--;
            }
        }
        return false;
    }

    /** Per ASCII char, its lower case when it is a letter or digit, else 0. */
    private static final int[] ASCII_WORD = new int[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_WORD[c] = Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : 0;
        }
    }

    private static long finish(long h) {
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}

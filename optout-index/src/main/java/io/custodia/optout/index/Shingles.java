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
        return ShingleScan.each(this, text, found, ShingleScan.lanes());
    }

    static long finish(long h) {
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}

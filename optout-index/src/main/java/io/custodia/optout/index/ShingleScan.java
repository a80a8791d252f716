package io.custodia.optout.index;

import java.util.Arrays;
import java.util.function.LongPredicate;

/**
 * Computes {@link Shingles}' fingerprints a segment of text at a time, in three passes that each do one thing: which
 * chars are word chars (a vector of ASCII chars at once where the JVM has the Vector API), each word's hash, then each
 * run's. Word by word in one loop, every word cost mispredicted branches in all three; this is the same specification,
 * held to it by {@code ShinglesDuelTest}.
 */
final class ShingleScan {

    /** Chars per segment: the scratch arrays stay in the first-level caches whatever the document's length. */
    static final int SEGMENT = 1 << 14;
    static final boolean VECTORS = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static final int MAX_BLOCK = 32;
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final long RUN_PRIME = 0x9E3779B97F4A7C15L;
    private static final ThreadLocal<ShingleScan> SCRATCH = ThreadLocal.withInitial(ShingleScan::new);

    /** Per ASCII char, its lower case when it is a letter or digit, else 0. */
    private static final char[] ASCII_WORD = new char[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_WORD[c] = Character.isLetterOrDigit(c) ? (char) Character.toLowerCase(c) : 0;
        }
    }

    private final char[] chars = new char[SEGMENT + MAX_BLOCK];
    /** The segment lower-cased where it is a word, with room for the word hash's fixed eight reads past the end. */
    private final char[] lower = new char[SEGMENT + MAX_BLOCK + 8];
    /** A bit per char of the segment: whether it is part of a word. One spare long ends every search for a non-word char. */
    private final long[] wordBits = new long[SEGMENT / 64 + 2];
    /** The words held: a segment's, after the words of runs still open from the segments before (fewer than 64). */
    private final long[] hashes = new long[SEGMENT / 2 + 2 + 64];
    private final int[] lengths = new int[SEGMENT / 2 + 2 + 64];
    private int held;
    /** A word still open at the end of the segment before: its hash and length so far. */
    private boolean open;
    private long openHash;
    private int openLength;
    private boolean inUse;

    /** The chars that the machine's vectors classify at once, or 0 without the Vector API. */
    static int lanes() {
        return VECTORS ? WordChars.LANES : 0;
    }

    /**
     * Calls {@code found} with each fingerprint in text order until it returns true; returns whether it did. Word chars
     * are found {@code lanes} (8, 16 or 32) at a time in a vector, or char by char where {@code lanes} is 0.
     */
    static boolean each(Shingles shingles, String text, LongPredicate found, int lanes) {
        ShingleScan scan = SCRATCH.get();
        // A caller's predicate that fingerprints a text in turn gets scratch of its own.
        if (scan.inUse) {
            return new ShingleScan().run(shingles, text, found, lanes);
        }
        scan.inUse = true;
        try {
            return scan.run(shingles, text, found, lanes);
        } finally {
            scan.inUse = false;
        }
    }

    private boolean run(Shingles shingles, String text, LongPredicate found, int lanes) {
        held = 0;
        open = false;
        int block = lanes > 0 ? lanes : MAX_BLOCK;
        int n = text.length();
        for (int at = 0; at < n; ) {
            int length = Math.min(SEGMENT, n - at);
            // A surrogate pair is never cut between two segments.
            if (at + length < n && Character.isHighSurrogate(text.charAt(at + length - 1))) {
                length--;
            }
            boolean last = at + length == n;
            text.getChars(at, at + length, chars, 0);
            int blocks = (length + block - 1) / block;
            Arrays.fill(chars, length, blocks * block, ' ');
            if (classify(blocks, block, length, lanes)) {
                hashWords(length, last);
            } else {
                hashWordsByCodePoint(length, last);
            }
            if (runs(shingles, found)) {
                return true;
            }
            at += length;
        }
        return false;
    }

    /**
     * Fills {@link #lower} and {@link #wordBits} for {@code chars[0, blocks * block)}; false when the segment holds a
     * letter outside the Basic Multilingual Plane, whose code point the chars do not give one by one.
     */
    private boolean classify(int blocks, int block, int length, int lanes) {
        boolean basic = true;
        Arrays.fill(wordBits, 0, (blocks * block + 63) / 64 + 1, 0L);
        for (int b = 0; b < blocks; b++) {
            int from = b * block;
            long bits = lanes == 0 ? -1 : lanes == WordChars.LANES ? WordChars.ofAsciiBlock(chars, from, lower)
                    : WordChars.ofAsciiBlock(lanes, chars, from, lower);
            if (bits == -1) {
                bits = 0;
                for (int k = from; k < from + block; ) {
                    int c = chars[k];
                    if (c < 128) {
                        lower[k] = ASCII_WORD[c];
                        bits |= (lower[k] != 0 ? 1L : 0L) << (k - from);
                        k++;
                        continue;
                    }
                    c = Character.codePointAt(chars, k, blocks * block);
                    if (Character.isLetterOrDigit(c)) {
                        int folded = Character.toLowerCase(c);
                        basic &= Character.isBmpCodePoint(c) && Character.isBmpCodePoint(folded);
                        lower[k] = (char) folded;
                        bits |= 1L << (k - from);
                    }
                    k += Character.charCount(c);
                }
                bits &= (1L << block) - 1;
            }
            wordBits[from >>> 6] |= bits << (from & 63);
        }
        return basic;
    }

    /**
     * The words of the segment from {@link #wordBits}, hashed from {@link #lower}, into {@link #hashes}: 64 chars at a
     * time, where words start and end found for all of them at once, so that only a word, not a char, costs a branch.
     */
    private void hashWords(int length, boolean last) {
        if (open && (wordBits[0] & 1) == 0) {
            hold(openHash, openLength);
            open = false;
        }
        // The char before the segment is a word char when a word is open: then a word at 0 continues it.
        long carry = open ? 1 : 0;
        // Where the word that an earlier long left unfinished starts.
        int pending = open ? 0 : -1;
        for (int at = 0, longs = (length + 63) >>> 6; at < longs; at++) {
            long bits = wordBits[at];
            long starts = bits & ~(bits << 1 | carry);
            // A word's last char: the next is not a word char (the spare long after the segment reads as none).
            long ends = bits & ~(bits >>> 1 | wordBits[at + 1] << 63);
            carry = bits >>> 63;
            int base = at << 6;
            if (ends != 0 && pending >= 0) {
                word(pending, base + Long.numberOfTrailingZeros(ends) + 1, length, last);
                ends &= ends - 1;
                pending = -1;
            }
            while (ends != 0) {
                word(base + Long.numberOfTrailingZeros(starts), base + Long.numberOfTrailingZeros(ends) + 1, length, last);
                starts &= starts - 1;
                ends &= ends - 1;
            }
            if (starts != 0) {
                pending = base + Long.numberOfTrailingZeros(starts);
            }
        }
    }

    /** Holds the word at {@code [start, end)}, or keeps it open when it reaches the end of a segment that is not the last. */
    private void word(int start, int end, int length, boolean last) {
        long h = OFFSET;
        int chars = end - start;
        if (start == 0 && open) {
            h = openHash;
            chars += openLength;
            open = false;
        }
        h = fnv(h, start, end - start);
        if (end == length && !last) {
            open = true;
            openHash = h;
            openLength = chars;
        } else {
            hold(h, chars);
        }
    }

    /**
     * FNV-1a over {@code lower[start, start + count)}. A word of up to eight chars takes eight steps, the ones past its end
     * thrown away without a branch: words of every length then cost the same, and no mispredicted exit waits on a hash.
     */
    private long fnv(long h, int start, int count) {
        if (count > 8) {
            for (int k = start; k < start + count; k++) {
                h = (h ^ lower[k]) * PRIME;
            }
            return h;
        }
        for (int j = 0; j < 8; j++) {
            long next = (h ^ lower[start + j]) * PRIME;
            long taken = (long) (j - count) >> 63;
            h = (next & taken) | (h & ~taken);
        }
        return h;
    }

    /** The words of a segment that holds letters beyond the Basic Multilingual Plane, code point by code point. */
    private void hashWordsByCodePoint(int length, boolean last) {
        for (int i = 0; i < length; ) {
            int c = Character.codePointAt(chars, i, length);
            int folded = c < 128 ? ASCII_WORD[c] : Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : 0;
            if (folded == 0) {
                if (open) {
                    hold(openHash, openLength);
                    open = false;
                }
            } else {
                if (!open) {
                    open = true;
                    openHash = OFFSET;
                    openLength = 0;
                }
                openHash = (openHash ^ folded) * PRIME;
                openLength++;
            }
            i += Character.charCount(c);
        }
        if (open && last) {
            hold(openHash, openLength);
            open = false;
        }
    }

    private void hold(long hash, int length) {
        hashes[held] = hash;
        lengths[held] = length;
        held++;
    }

    /**
     * Every run of the held words that is complete, from each word on; the words of runs not yet complete are kept, at
     * the front, for the next segment.
     */
    private boolean runs(Shingles shingles, LongPredicate found) {
        int words = shingles.words();
        int minChars = shingles.minChars();
        int first = 0;
        int end = 0;
        int chars = 0;
        for (; first < held; first++) {
            while (end < held && !complete(end - first, chars, words, minChars)) {
                chars += (end > first ? 1 : 0) + lengths[end];
                end++;
            }
            if (!complete(end - first, chars, words, minChars)) {
                break;
            }
            long run = 0;
            for (int k = first; k < end; k++) {
                run = (run ^ hashes[k]) * RUN_PRIME;
            }
            if (found.test(Shingles.finish(run ^ (end - first)))) {
                return true;
            }
            chars -= lengths[first] + (end - first > 1 ? 1 : 0);
        }
        System.arraycopy(hashes, first, hashes, 0, held - first);
        System.arraycopy(lengths, first, lengths, 0, held - first);
        held -= first;
        return false;
    }

    private static boolean complete(int count, int chars, int words, int minChars) {
        return count > 0 && (count == words || chars >= minChars);
    }
}

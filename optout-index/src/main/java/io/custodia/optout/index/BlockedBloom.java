package io.custodia.optout.index;

/**
 * A Bloom filter whose two bits for a key lie in one 64-byte block, so a lookup costs one memory access: what keeps
 * tables of millions of hosts or fingerprints from costing a cache miss on every key that is not there.
 */
final class BlockedBloom {

    private final long[] words;
    private final int blockMask;

    /** About {@code bitsPerKey} bits for each of {@code expected} keys, rounded to a power of two. */
    BlockedBloom(int expected, int bitsPerKey) {
        long bits = Math.max(512L, (long) expected * bitsPerKey);
        int size = (int) Math.min(1 << 30, Long.highestOneBit(bits - 1) << 1 >>> 6);
        words = new long[Math.max(8, size)];
        blockMask = (words.length >>> 3) - 1;
    }

    /** {@code hash} must be well mixed: its bits choose the block and the two bits in it. */
    void add(long hash) {
        int block = (int) (hash >>> 40) & blockMask;
        words[block << 3 | (int) (hash >>> 6) & 7] |= 1L << hash;
        words[block << 3 | (int) (hash >>> 12) & 7] |= 1L << (hash >>> 18);
    }

    boolean mightContain(long hash) {
        return mightContain(hash, word(firstWordAt(hash)));
    }

    /**
     * Where the first of the two words a hash reads lies. Reading those words for many hashes in a loop of their own, then
     * deciding with {@link #mightContain(long, long)}, lets their cache misses overlap.
     */
    int firstWordAt(long hash) {
        return ((int) (hash >>> 40) & blockMask) << 3 | (int) (hash >>> 6) & 7;
    }

    long word(int at) {
        return words[at];
    }

    /** {@link #mightContain(long)}, given the word at {@link #firstWordAt}; the second word is in the same cache line. */
    boolean mightContain(long hash, long firstWord) {
        return (firstWord & 1L << hash) != 0
                && (words[((int) (hash >>> 40) & blockMask) << 3 | (int) (hash >>> 12) & 7] & 1L << (hash >>> 18)) != 0;
    }
}

package io.custodia.optout.index;

/**
 * Open addressing from 64-bit fingerprints to rule positions, without boxing, behind a Bloom filter: a document's
 * fingerprints are almost never protected ones, and each costs one access to the filter instead of a miss in the table.
 */
final class FingerprintTable {

    private final long[] keys;
    private final int[] values;
    private final int mask;
    private int size;
    private int zeroValue = -1;
    private final BlockedBloom filter;

    FingerprintTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        mask = capacity - 1;
        filter = new BlockedBloom(expected, 8);
    }

    int size() {
        return size;
    }

    void putIfAbsent(long key, int value) {
        if (key == 0) {
            if (zeroValue < 0) {
                zeroValue = value;
                size++;
            }
            return;
        }
        int slot = home(key);
        while (keys[slot] != 0) {
            if (keys[slot] == key) {
                return;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = value;
        size++;
        filter.add(key);
    }

    /** Fingerprints looked up together: a document's, a chunk at a time. */
    private static final int CHUNK = 256;

    /** A thread's chunk of a document's fingerprints and the scratch to look them up: kept, not made per document. */
    private static final class Chunk {
        final long[] keys = new long[CHUNK];
        final long[] read = new long[CHUNK];
        final int[] passed = new int[CHUNK];
        int pending;
        int hit;
    }

    private static final ThreadLocal<Chunk> CHUNKS = ThreadLocal.withInitial(Chunk::new);

    /**
     * The value of the first of a text's fingerprints that the table has, or -1. The fingerprints are looked up a chunk
     * at a time: the filter's words for a whole chunk are read in a loop that does nothing else, so that their cache
     * misses overlap (the filter of millions of fingerprints does not stay in cache while a corpus is rebuilt).
     */
    int firstHit(Shingles shingles, String text) {
        Chunk chunk = CHUNKS.get();
        chunk.pending = 0;
        chunk.hit = -1;
        boolean found = shingles.each(text, key -> {
            chunk.keys[chunk.pending++] = key;
            if (chunk.pending < CHUNK) {
                return false;
            }
            chunk.pending = 0;
            chunk.hit = firstHit(chunk.keys, CHUNK, chunk.read, chunk.passed);
            return chunk.hit >= 0;
        });
        return found ? chunk.hit : firstHit(chunk.keys, chunk.pending, chunk.read, chunk.passed);
    }

    /**
     * The value of the first of {@code keys[0, count)} that the table has, or -1; {@code read} and {@code passed} are
     * scratch of the same length. The filter's words, then the home slots of the keys that passed, are each read in a
     * loop that does nothing else.
     */
    int firstHit(long[] keys, int count, long[] read, int[] passed) {
        for (int k = 0; k < count; k++) {
            read[k] = filter.word(filter.firstWordAt(keys[k]));
        }
        int passes = 0;
        for (int k = 0; k < count; k++) {
            long key = keys[k];
            if (key == 0 ? zeroValue >= 0 : filter.mightContain(key, read[k])) {
                passed[passes++] = k;
            }
        }
        for (int p = 0; p < passes; p++) {
            read[passed[p]] = this.keys[home(keys[passed[p]])];
        }
        for (int p = 0; p < passes; p++) {
            long key = keys[passed[p]];
            // Most keys that pass the filter are not in the table: their home slot, now in cache, is empty or another's.
            int value = key == 0 ? zeroValue : read[passed[p]] == key ? values[home(key)] : read[passed[p]] == 0 ? -1 : get(key);
            if (value >= 0) {
                return value;
            }
        }
        return -1;
    }

    private int home(long key) {
        return (int) (key ^ (key >>> 32)) & mask;
    }

    /** The value for a key, or -1. */
    int get(long key) {
        if (key == 0) {
            return zeroValue;
        }
        if (!filter.mightContain(key)) {
            return -1;
        }
        int slot = home(key);
        while (keys[slot] != 0) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }
}

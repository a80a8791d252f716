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
        int slot = (int) (key ^ (key >>> 32)) & mask;
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

    /** The value for a key, or -1. */
    int get(long key) {
        if (key == 0) {
            return zeroValue;
        }
        if (!filter.mightContain(key)) {
            return -1;
        }
        int slot = (int) (key ^ (key >>> 32)) & mask;
        while (keys[slot] != 0) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }
}

package io.custodia.optout.index;

/** Open addressing from 64-bit fingerprints to rule positions, without boxing: one probe for most lookups. */
final class FingerprintTable {

    private final long[] keys;
    private final int[] values;
    private final int mask;
    private int size;
    private int zeroValue = -1;

    FingerprintTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        mask = capacity - 1;
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
    }

    /** The value for a key, or -1. */
    int get(long key) {
        if (key == 0) {
            return zeroValue;
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

package io.custodia.optout.index;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Puts rules in id order, the order the rules digest is taken in, by a radix sort of a prefix of each id packed into a
 * long, because comparing the id strings themselves misses the cache at every step.
 */
final class IdOrder {

    /** ASCII chars of an id's prefix packed into a key, 7 bits each: 9 fit in 63 bits. */
    private static final int KEY_CHARS = 9;
    private static final int RADIX_BITS = 16;

    private IdOrder() {}

    /** {@code items} sorted by {@code id} as {@link String#compareTo} orders it. */
    static <T> List<T> sort(Collection<T> items, Function<T, String> id) {
        @SuppressWarnings("unchecked")
        T[] in = (T[]) items.toArray();
        int n = in.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key(id.apply(in[i]));
            if (keys[i] < 0) {
                // An id with a char beyond ASCII in its prefix: the strings decide throughout.
                Arrays.parallelSort(in, Comparator.comparing(id));
                return Arrays.asList(in);
            }
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        long[] keysOut = new long[n];
        int[] orderOut = new int[n];
        int[] counts = new int[(1 << RADIX_BITS) + 1];
        for (int shift = 0; shift < Long.SIZE - 1; shift += RADIX_BITS) {
            Arrays.fill(counts, 0);
            for (long key : keys) {
                counts[(int) (key >>> shift & (1 << RADIX_BITS) - 1) + 1]++;
            }
            for (int d = 0; d < 1 << RADIX_BITS; d++) {
                counts[d + 1] += counts[d];
            }
            for (int i = 0; i < n; i++) {
                int at = counts[(int) (keys[i] >>> shift & (1 << RADIX_BITS) - 1)]++;
                keysOut[at] = keys[i];
                orderOut[at] = order[i];
            }
            long[] swapKeys = keys;
            keys = keysOut;
            keysOut = swapKeys;
            int[] swapOrder = order;
            order = orderOut;
            orderOut = swapOrder;
        }
        @SuppressWarnings("unchecked")
        T[] sorted = (T[]) new Object[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = in[order[i]];
        }
        // Ids that share the packed prefix are in no particular order yet: the strings decide among them.
        Comparator<T> byId = Comparator.comparing(id);
        for (int from = 0; from < n; ) {
            int to = from + 1;
            while (to < n && keys[to] == keys[from]) {
                to++;
            }
            if (to - from > 1) {
                Arrays.sort(sorted, from, to, byId);
            }
            from = to;
        }
        return Arrays.asList(sorted);
    }

    /**
     * The first {@link #KEY_CHARS} chars, 7 bits each, a shorter id padded with zeros: keys order as the ids do, and
     * ids with equal keys are compared in full. -1 when a char in the prefix is not ASCII.
     */
    static long key(String id) {
        long key = 0;
        for (int i = 0; i < KEY_CHARS; i++) {
            int c = i < id.length() ? id.charAt(i) : 0;
            if (c >= 128) {
                return -1;
            }
            key = key << 7 | c;
        }
        return key;
    }
}

package io.custodia.optout.index;

/**
 * Hosts to DOMAIN rule positions, and whether rules name their paths, looked up by every dot-suffix of a host without cutting strings: "a.b.example.org" asks
 * for itself, "b.example.org", "example.org" and "org" in one right-to-left pass. A 64-bit hash per suffix goes first
 * through a one-cache-line Bloom filter, so most suffixes cost one memory access and no comparison; the table confirms
 * the few that pass by comparing the host itself. Hosts are lower-case ASCII, as the rules store them; the host looked
 * up is lower-cased as it is read.
 */
final class HostTable {

    private static final long SEED = 0x243F6A8885A308D3L;

    private final BlockedBloom filter;
    private final long[] keys;
    private final String[] hosts;
    private final int[] rules;
    /** Whether URL or URL_PREFIX rules name the host exactly, so that its URLs' paths must be looked at. */
    private final boolean[] paths;
    private final int mask;
    private int size;

    HostTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        hosts = new String[capacity];
        rules = new int[capacity];
        paths = new boolean[capacity];
        mask = capacity - 1;
        // 16 bits per host: about 0.1% of suffixes pass the filter wrongly.
        filter = new BlockedBloom(expected, 16);
    }

    int size() {
        return size;
    }

    /** Adds a DOMAIN rule's host unless it has one already; the first rule for a host wins, as rules come in id order. */
    void putIfAbsent(String host, int rule) {
        int slot = slot(host);
        if (rules[slot] < 0) {
            rules[slot] = rule;
        }
    }

    /** Marks a host that URL or URL_PREFIX rules name. */
    void markPaths(String host) {
        paths[slot(host)] = true;
    }

    private int slot(String host) {
        long h = finish(hashFromRight(host, 0, host.length()));
        int slot = (int) h & mask;
        while (hosts[slot] != null) {
            if (keys[slot] == h && hosts[slot].equals(host)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = h;
        hosts[slot] = host;
        rules[slot] = -1;
        size++;
        filter.add(h);
        return slot;
    }

    /** What {@link #lookup} returns when no DOMAIN rule applies but the host has rules on its paths. */
    static final int PATHS = -2;

    /**
     * For the host {@code text[from, to)}: the DOMAIN rule of one of its dot-suffixes, itself included (the shortest
     * that has one); otherwise {@link #PATHS} when the host itself has rules on paths; otherwise -1. One right-to-left
     * pass hashes every suffix. The chars must be ASCII; upper case is folded.
     */
    int lookup(String text, int from, int to) {
        if (size == 0) {
            return -1;
        }
        long h = SEED;
        for (int i = to - 1; i >= from; i--) {
            char c = text.charAt(i);
            h = (h ^ (c >= 'A' && c <= 'Z' ? c + 32 : c)) * 0x9E3779B97F4A7C15L;
            if (i == from || text.charAt(i - 1) == '.') {
                int slot = find(finish(h), text, i, to);
                if (slot >= 0 && rules[slot] >= 0) {
                    return rules[slot];
                }
                if (i == from && slot >= 0 && paths[slot]) {
                    return PATHS;
                }
            }
        }
        return -1;
    }

    /** The slot of exactly {@code text[from, to)}, or -1. */
    private int find(long h, String text, int from, int to) {
        if (!filter.mightContain(h)) {
            return -1;
        }
        int slot = (int) h & mask;
        while (hosts[slot] != null) {
            if (keys[slot] == h && hosts[slot].length() == to - from && hosts[slot].regionMatches(true, 0, text, from, to - from)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private static long hashFromRight(String text, int from, int to) {
        long h = SEED;
        for (int i = to - 1; i >= from; i--) {
            char c = text.charAt(i);
            h = (h ^ (c >= 'A' && c <= 'Z' ? c + 32 : c)) * 0x9E3779B97F4A7C15L;
        }
        return h;
    }

    private static long finish(long h) {
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}

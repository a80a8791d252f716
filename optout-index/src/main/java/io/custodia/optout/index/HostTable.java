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
    /**
     * Two longs per slot, so that a probe that passes the filter costs one more miss, not one per array: the host's
     * hash, then its entry, which is 0 for an empty slot and otherwise holds where the host's chars start in
     * {@link #chars} plus one (low 32 bits), its DOMAIN rule plus one, 0 for none (next 31 bits), and whether rules
     * name its paths (the top bit).
     */
    private final long[] slots;
    /** Every host's length, then its chars, one after another: comparing a host costs one miss, not three. */
    private char[] chars = new char[1024];
    private int used;
    private final int mask;
    private int size;

    HostTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        slots = new long[2 * capacity];
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
        long entry = slots[2 * slot + 1];
        if ((entry >>> 32 & RULE_MASK) == 0) {
            slots[2 * slot + 1] = entry | (long) (rule + 1) << 32;
        }
    }

    /** Marks a host that URL or URL_PREFIX rules name. */
    void markPaths(String host) {
        slots[2 * slot(host) + 1] |= PATHS_BIT;
    }

    private static final long RULE_MASK = 0x7FFFFFFFL;
    private static final long PATHS_BIT = Long.MIN_VALUE;

    private int slot(String host) {
        long h = finish(hashFromRight(host, 0, host.length()));
        int slot = (int) h & mask;
        while (slots[2 * slot + 1] != 0) {
            if (slots[2 * slot] == h && matches(slots[2 * slot + 1], host, 0, host.length())) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        if (host.length() > Character.MAX_VALUE) {
            throw new IllegalArgumentException("a host of " + host.length() + " chars");
        }
        if (used + 1 + host.length() > chars.length) {
            chars = java.util.Arrays.copyOf(chars, Math.max(2 * chars.length, used + 1 + host.length()));
        }
        chars[used] = (char) host.length();
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            chars[used + 1 + i] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        slots[2 * slot] = h;
        slots[2 * slot + 1] = used + 1L;
        used += 1 + host.length();
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
                long entry = find(finish(h), text, i, to);
                int rule = (int) (entry >>> 32 & RULE_MASK) - 1;
                if (rule >= 0) {
                    return rule;
                }
                if (i == from && entry < 0) {
                    return PATHS;
                }
            }
        }
        return -1;
    }

    /** The entry of exactly {@code text[from, to)}, or 0. */
    private long find(long h, String text, int from, int to) {
        if (!filter.mightContain(h)) {
            return 0;
        }
        int slot = (int) h & mask;
        for (long entry; (entry = slots[2 * slot + 1]) != 0; slot = (slot + 1) & mask) {
            if (slots[2 * slot] == h && matches(entry, text, from, to)) {
                return entry;
            }
        }
        return 0;
    }

    /** Whether the host of {@code entry} is {@code text[from, to)}, ASCII upper case in the text folded. */
    private boolean matches(long entry, String text, int from, int to) {
        int at = (int) entry - 1;
        if (chars[at] != to - from) {
            return false;
        }
        for (int i = 0; i < to - from; i++) {
            char c = text.charAt(from + i);
            if (chars[at + 1 + i] != (c >= 'A' && c <= 'Z' ? c + 32 : c)) {
                return false;
            }
        }
        return true;
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

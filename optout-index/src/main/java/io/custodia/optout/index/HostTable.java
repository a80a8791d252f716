package io.custodia.optout.index;

/**
 * Hosts to DOMAIN rule positions, or to where their rules on paths are kept, looked up by every dot-suffix of a host without
 * cutting strings: "a.b.example.org" asks for itself, "b.example.org", "example.org" and "org". One left-to-right pass
 * hashes each label, and each suffix's hash combines its labels' from the right. Hosts are looked up a batch at a time,
 * in stages, so that the cache misses of a batch overlap: a one-cache-line Bloom filter turns most suffixes away, the
 * table confirms the few that pass by comparing the host itself. Hosts are lower-case ASCII, as the rules store them;
 * the host looked up is lower-cased as it is read.
 */
final class HostTable {

    private static final long SEED = 0x243F6A8885A308D3L;

    private final BlockedBloom filter;
    /**
     * Two longs per slot, so that a probe that passes the filter costs one more miss, not one per array: the host's
     * hash, then its entry, which is 0 for an empty slot and otherwise holds where the host's chars start in
     * {@link #chars} plus one (low 32 bits), then (next 31 bits) its DOMAIN rule plus one, 0 for none, or, when the top
     * bit says that rules name its paths and it has no DOMAIN rule, where those are kept plus one.
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

    /**
     * Adds a DOMAIN rule's host unless it has one already; the first rule for a host wins, as rules come in id order. A
     * host's own DOMAIN rule replaces its rules on paths, as it excludes all its paths.
     */
    void putIfAbsent(String host, int rule) {
        int slot = slot(host);
        long entry = slots[2 * slot + 1];
        if ((entry >>> 32 & RULE_MASK) == 0 || entry < 0) {
            slots[2 * slot + 1] = entry & ARENA_MASK | (long) (rule + 1) << 32;
        }
    }

    /**
     * Records that URL or URL_PREFIX rules name a host, and where the caller keeps them, unless the host has a DOMAIN
     * rule of its own.
     */
    void putPaths(String host, int paths) {
        int slot = slot(host);
        long entry = slots[2 * slot + 1];
        if ((entry >>> 32 & RULE_MASK) == 0) {
            slots[2 * slot + 1] = entry | (long) (paths + 1) << 32 | PATHS_BIT;
        }
    }

    /** Whether a {@link #lookup} answer is a host's rules on paths, rather than a DOMAIN rule (0 or more) or -1. */
    static boolean isPaths(int answer) {
        return answer < -1;
    }

    /** Where the caller keeps the rules on paths of a {@link #isPaths} answer, as given to {@link #putPaths}. */
    static int paths(int answer) {
        return -2 - answer;
    }

    private static final long RULE_MASK = 0x7FFFFFFFL;
    private static final long ARENA_MASK = 0xFFFFFFFFL;
    private static final long PATHS_BIT = Long.MIN_VALUE;

    private int slot(String host) {
        long h = wholeHostHash(host);
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
            chars[used + 1 + i] = folded(host.charAt(i));
        }
        slots[2 * slot] = h;
        slots[2 * slot + 1] = used + 1L;
        used += 1 + host.length();
        size++;
        filter.add(h);
        return slot;
    }

    /** Labels of a host read in place, in a batch; hosts with more are parsed and looked up on their own. */
    static final int MAX_LABELS = 8;

    /** The suffixes of a batch of hosts between the stages of their lookup; used by one thread at a time. */
    static final class Suffixes {
        private final long[] hashes;
        private final int[] lengths;
        private final int[] found;
        /** Scratch of the second stage: where to read for each suffix, what was read, which suffixes passed the filter. */
        private final int[] readAt;
        private final long[] read;
        private final int[] passed;
        private final long[] labelHashes;
        private final int[] labelStarts;
        private int count;

        /** Room for {@code hosts} hosts of at most {@code labels} labels each. */
        Suffixes(int hosts, int labels) {
            hashes = new long[hosts * labels];
            lengths = new int[hosts * labels];
            found = new int[hosts * labels];
            readAt = new int[hosts * labels];
            read = new long[hosts * labels];
            passed = new int[hosts * labels];
            labelHashes = new long[labels];
            labelStarts = new int[labels + 1];
        }

        /** How many suffixes the batch holds: a host's are those added between two calls. */
        int count() {
            return count;
        }

        void clear() {
            count = 0;
        }
    }

    /**
     * The first stage: reads the host at {@code text[from…]} and adds the hashes of its dot-suffixes to the batch,
     * shortest first. When {@code plain}, the host ends at '/', '?', '#' or {@code to}, and one that must be parsed to
     * be read (empty, a trailing dot, a port or user info, a bracket, a percent sign, a char beyond ASCII) is refused;
     * otherwise all of {@code text[from, to)} is the host. Returns where the host ends, or -1 when it is refused or the
     * batch has no room for its labels; nothing is added then.
     */
    static int add(Suffixes batch, String text, int from, int to, boolean plain) {
        long[] labelHashes = batch.labelHashes;
        int[] labelStarts = batch.labelStarts;
        int labels = 0;
        long h = LABEL_SEED;
        labelStarts[0] = from;
        int i = from;
        int[] codes = plain ? PLAIN_CODES : CODES;
        for (; i < to; i++) {
            char c = text.charAt(i);
            int code = c < 128 ? codes[c] : plain ? REFUSED : c;
            // Letters and digits first, with one comparison: most chars of a host are.
            if (code >= 0) {
                h = (h ^ code) * MULTIPLIER;
            } else if (code == DOT) {
                if (labels + 1 == labelHashes.length) {
                    return -1;
                }
                labelHashes[labels++] = h;
                labelStarts[labels] = i + 1;
                h = LABEL_SEED;
            } else if (code == END) {
                break;
            } else {
                return -1;
            }
        }
        if (plain && (i == from || text.charAt(i - 1) == '.') || batch.count + labels + 1 > batch.hashes.length) {
            return -1;
        }
        labelHashes[labels++] = h;
        long suffix = SEED;
        for (int k = labels - 1; k >= 0; k--) {
            // One multiply joins a label to the suffix after it; the finalizers of the suffixes run side by side.
            suffix = (suffix ^ labelHashes[k]) * MULTIPLIER;
            if (i > labelStarts[k]) {
                batch.hashes[batch.count] = finish(suffix);
                batch.lengths[batch.count] = i - labelStarts[k];
                batch.count++;
            }
        }
        return i;
    }

    /**
     * The second stage, for every suffix of the batch at once: the slot with its hash and length, {@link #NONE}, or
     * {@link #ELSEWHERE} when a slot has its hash but another host's length. Each step reads for the whole batch before
     * the next needs the answers (the filter's words, then the table's slots, then the hosts' lengths), so that the cache
     * misses of a batch overlap instead of following one another.
     */
    void candidates(Suffixes batch) {
        long[] hashes = batch.hashes;
        int[] found = batch.found;
        int[] at = batch.readAt;
        long[] read = batch.read;
        int count = size > 0 ? batch.count : 0;
        java.util.Arrays.fill(found, count, batch.count, NONE);
        // Each step finds where to read, then reads in a loop that does nothing else, so that many reads are in flight.
        for (int k = 0; k < count; k++) {
            at[k] = filter.firstWordAt(hashes[k]);
        }
        for (int k = 0; k < count; k++) {
            read[k] = filter.word(at[k]);
        }
        int[] passed = batch.passed;
        int passes = 0;
        for (int k = 0; k < count; k++) {
            found[k] = NONE;
            if (filter.mightContain(hashes[k], read[k])) {
                passed[passes++] = k;
            }
        }
        // The home slot of each suffix that passed: it holds the host, if the table has it, most of the time.
        for (int p = 0; p < passes; p++) {
            read[passed[p]] = slots[2 * ((int) hashes[passed[p]] & mask)];
        }
        for (int p = 0; p < passes; p++) {
            int k = passed[p];
            found[k] = read[k] == hashes[k] ? (int) hashes[k] & mask : slotWithHash(hashes[k]);
        }
        // The host's length, the first of its chars in the arena: the comparison later finds them in cache.
        for (int p = 0; p < passes; p++) {
            int k = passed[p];
            read[k] = found[k] >= 0 ? chars[(int) slots[2 * found[k] + 1] - 1] : -1;
        }
        for (int p = 0; p < passes; p++) {
            int k = passed[p];
            if (found[k] >= 0 && read[k] != batch.lengths[k]) {
                found[k] = ELSEWHERE;
            }
        }
    }

    /**
     * The last stage, for the host that ends at {@code text[to]} and whose {@code count} suffixes start at {@code first}
     * in the batch: the DOMAIN rule of one of its dot-suffixes, itself included (the shortest that has one); otherwise,
     * when the host itself has rules on paths, an answer for {@link #isPaths} and {@link #paths}; otherwise -1.
     */
    int lookup(Suffixes batch, int first, int count, String text, int to) {
        for (int k = first; k < first + count; k++) {
            int slot = batch.found[k];
            if (slot == NONE) {
                continue;
            }
            int from = to - batch.lengths[k];
            // A 64-bit hash shared by two hosts sends the lookup the whole way.
            long entry = slot >= 0 && matches(slots[2 * slot + 1], text, from, to) ? slots[2 * slot + 1]
                    : find(batch.hashes[k], text, from, to);
            int value = (int) (entry >>> 32 & RULE_MASK) - 1;
            if (entry >= 0 && value >= 0) {
                return value;
            }
            if (entry < 0 && k == first + count - 1) {
                return -2 - value;
            }
        }
        return -1;
    }

    /** All three stages for one host that has been parsed (so need not be plain): {@code host[0, to)}. */
    int lookup(String host, int to) {
        Suffixes one = new Suffixes(1, to + 1);
        add(one, host, 0, to, false);
        candidates(one);
        return lookup(one, 0, one.count, host, to);
    }

    private static final int NONE = -1;
    private static final int ELSEWHERE = -2;

    private static final long LABEL_SEED = 0x13198A2E03707344L;
    private static final int DOT = -1;
    private static final int END = -2;
    private static final int REFUSED = -3;
    /**
     * Per ASCII char, what a plain host makes of it: the char lower-cased, or DOT, END or REFUSED. Only letters, digits,
     * '-' and '_' stand in a plain host; anything else ('\\', a space, a control) sends the URL to the full parser.
     */
    private static final int[] PLAIN_CODES = new int[128];
    /** The same for a host already parsed: only a dot is special. */
    private static final int[] CODES = new int[128];

    static {
        for (char c = 0; c < 128; c++) {
            PLAIN_CODES[c] = switch (c) {
                case '.' -> DOT;
                case '/', '?', '#' -> END;
                default -> Character.isLetterOrDigit(c) || c == '-' || c == '_' ? folded(c) : REFUSED;
            };
            CODES[c] = c == '.' ? DOT : folded(c);
        }
    }

    /** The hash of a whole host's suffix, itself, as {@link #add} computes it. */
    private static long wholeHostHash(String host) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("an empty host");
        }
        Suffixes one = new Suffixes(1, host.length() + 1);
        add(one, host, 0, host.length(), false);
        return one.hashes[one.count - 1];
    }

    private int slotWithHash(long h) {
        int slot = (int) h & mask;
        for (; slots[2 * slot + 1] != 0; slot = (slot + 1) & mask) {
            if (slots[2 * slot] == h) {
                return slot;
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
            if (chars[at + 1 + i] != folded(text.charAt(from + i))) {
                return false;
            }
        }
        return true;
    }

    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private static char folded(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    private static long finish(long h) {
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}

package io.custodia.pii;

/**
 * The hashes of first words a bundle's header may name: one multiply per UTF-16 unit (the first format), or one per
 * four units, which a scanner can compute for a short word without a branch per char.
 */
enum FirstWordHash {
    MULXOR("mulxor-splitmix64"),
    MULXOR4("mulxor4-splitmix64");

    static final long MULTIPLIER = 0x9E3779B97F4A7C15L;
    /** Lower-cases four ASCII letters packed into a long. */
    private static final long LOWER = 0x0020_0020_0020_0020L;

    final String header;

    FirstWordHash(String header) {
        this.header = header;
    }

    static FirstWordHash named(String header) {
        for (FirstWordHash hash : values()) {
            if (hash.header.equals(header)) {
                return hash;
            }
        }
        return null;
    }

    /** The hash before its finalizer of {@code word[from, to)}, ASCII capitals lower-cased when asked. */
    long raw(long key, CharSequence word, int from, int to, boolean lowerAscii) {
        Units units = new Units(this, key);
        for (int i = from; i < to; i++) {
            char c = word.charAt(i);
            units.add(lowerAscii && c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return units.raw();
    }

    /**
     * {@link #MULXOR4} of a word of 1 to 8 ASCII letters at {@code at}, lower-cased, without a branch: both groups are
     * read (so 8 chars must be there) and the chars past the word masked off. Zero units pad the last group, which
     * cannot be confused with a char: words are letters and digits.
     */
    static long mulxor4Short(long key, char[] chars, int at, int length) {
        long low = chars[at] | (long) chars[at + 1] << 16 | (long) chars[at + 2] << 32 | (long) chars[at + 3] << 48;
        long high = chars[at + 4] | (long) chars[at + 5] << 16 | (long) chars[at + 6] << 32 | (long) chars[at + 7] << 48;
        int lowUnits = Math.min(length, 4);
        low = (low | LOWER) & -1L >>> (64 - 16 * lowUnits);
        // Shifting by 64 leaves a long as it is, so a word of four letters or fewer keeps no high unit through a mask of
        // zero chosen by the sign of 4 - length rather than by the shift.
        high = (high | LOWER) & -1L >>> (64 - 16 * Math.max(length - 4, 1)) & (long) (4 - length) >> 63;
        long first = (key ^ low) * MULTIPLIER;
        long second = (first ^ high) * MULTIPLIER;
        return first ^ ((first ^ second) & (long) (4 - length) >> 63);
    }

    /**
     * {@link #MULXOR4} of a word at {@code at} of ASCII letters, lower-cased, and of chars that {@code folds} folds to one
     * char, as {@link Units} would hash the folded units. Written out rather than through {@code Units}: the scanner's
     * vector path calls it per word, and the object cost 5% of the whole filter (0.945 in {@code TwoBuildsMain}).
     */
    static long mulxor4Folded(long key, char[] chars, int at, int length, char[] folds) {
        long h = key;
        long group = 0;
        int shift = 0;
        for (int i = at; i < at + length; i++) {
            char c = chars[i];
            group |= (long) (c < 128 ? c | 0x20 : folds[c]) << shift;
            shift += 16;
            if (shift == 64) {
                h = (h ^ group) * MULTIPLIER;
                group = 0;
                shift = 0;
            }
        }
        return shift == 0 ? h : (h ^ group) * MULTIPLIER;
    }

    /** Units fed one at a time, for words whose units come from folding. */
    static final class Units {
        private final boolean perUnit;
        private long h;
        private long group;
        private int shift;

        Units(FirstWordHash hash, long key) {
            this.perUnit = hash == MULXOR;
            this.h = key;
        }

        void add(char unit) {
            if (perUnit) {
                h = (h ^ unit) * MULTIPLIER;
                return;
            }
            group |= (long) unit << shift;
            shift += 16;
            if (shift == 64) {
                h = (h ^ group) * MULTIPLIER;
                group = 0;
                shift = 0;
            }
        }

        long raw() {
            return shift == 0 ? h : (h ^ group) * MULTIPLIER;
        }
    }
}

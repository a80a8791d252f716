package io.custodia.pii;

import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Decides runs of plain words of Latin-1 letters and the quiet chars between them a vector of chars at a time, so that
 * a word costs no branch of its own: the char loop of {@link PiiScanner} pays a mispredicted branch at every word end.
 */
final class PlainRuns {

    private static final VectorSpecies<Short> SPECIES = ShortVector.SPECIES_PREFERRED;
    /** Chars per vector: 32 with AVX-512, 16 with AVX2. */
    static final int LANES = SPECIES.length();
    /** Longest word decided here; longer ones go back to the char loop. */
    static final int MAX_WORD = 16;
    /** Longest word of ASCII letters hashed without a branch, reading this many chars whatever its length. */
    private static final int SHORT_WORD = 8;

    /** Lane i holds the quiet bits of ASCII chars 16 * (i % 8) to 16 * (i % 8) + 15. */
    private final ShortVector quietBits;
    /**
     * Lane i holds, for chars 0x80 + 16 * (i % 8) to 0x80 + 16 * (i % 8) + 15, whether the char is a letter that a plain
     * word may hold: one the bundle's first-word hash folds to one char ({@code folds}), or any letter without a bundle.
     */
    private final ShortVector latinBits;
    /** The same bits for chars 0 to 255, ASCII letters included, for {@link #mayStart}. */
    private final long[] startBits = new long[4];
    private final char[] folds;
    /** Bit 129 * c + min(n, 128): a plain word may end at quiet char c followed by char n. */
    private final long[] endsPlain = new long[(128 * 129 + 63) / 64];
    private final Bundle bundle;
    private final long firstWordKey;

    PlainRuns(boolean[] quiet, boolean[] lettersFollowedBy, boolean[][] lettersFollowedByPair, Bundle bundle, char[] folds) {
        short[] latin = new short[LANES];
        for (int c = 0x80; c < 0x100; c++) {
            if (Character.isLetter(c) && (bundle == null || c < folds.length && folds[c] != 0)) {
                for (int lane = (c - 0x80) >>> 4; lane < LANES; lane += 8) {
                    latin[lane] |= (short) (1 << (c & 15));
                }
                startBits[c >>> 6] |= 1L << c;
            }
        }
        for (char c = 0; c < 128; c++) {
            if (Chars.letter(c)) {
                startBits[c >>> 6] |= 1L << c;
            }
        }
        this.latinBits = ShortVector.fromArray(SPECIES, latin, 0);
        this.folds = folds;
        short[] words = new short[LANES];
        for (int c = 0; c < 128; c++) {
            if (quiet[c]) {
                for (int lane = c >>> 4; lane < LANES; lane += 8) {
                    words[lane] |= (short) (1 << (c & 15));
                }
            }
            for (int n = 0; n <= 128; n++) {
                // Column 128 of both tables: any char beyond ASCII.
                boolean plain = quiet[c] && (!lettersFollowedBy[c] || !lettersFollowedByPair[c][n]);
                int bit = 129 * c + n;
                if (plain) {
                    endsPlain[bit >>> 6] |= 1L << bit;
                }
            }
        }
        this.quietBits = ShortVector.fromArray(SPECIES, words, 0);
        this.bundle = bundle;
        this.firstWordKey = bundle == null ? 0 : bundle.firstWordKey();
    }

    /** Whether a word starting with {@code c} may be decided here. */
    boolean mayStart(char c) {
        return c < 0x100 && (startBits[c >>> 6] & 1L << c) != 0;
    }

    /**
     * From {@code pos}, the start of a word after a quiet char, the start of the first word that is not decided here:
     * every word before it has at most {@link #MAX_WORD} letters of Latin-1, is followed by quiet chars and another such
     * word, can start no value and passes no first-word filter. Returns {@code pos} when none is decided.
     */
    int skip(char[] chars, int pos, int limit, int end) {
        // Reads reach SHORT_WORD chars past the vector (the last word's hash) and the char after it (what follows a word).
        while (pos + LANES <= limit && pos + LANES + SHORT_WORD <= end) {
            ShortVector v = ShortVector.fromCharArray(SPECIES, chars, pos);
            ShortVector high = v.sub((short) 0x80);
            long latin = high.lanewise(VectorOperators.LSHR, 4).and((short) 7).selectFrom(latinBits)
                    .lanewise(VectorOperators.LSHR, high.and((short) 15)).and((short) 1)
                    .compare(VectorOperators.NE, (short) 0).and(high.compare(VectorOperators.ULT, (short) 0x80)).toLong();
            long letters = v.or((short) 0x20).sub((short) 'a').compare(VectorOperators.ULT, (short) 26).toLong() | latin;
            long quiet = v.lanewise(VectorOperators.LSHR, 4).and((short) 7).selectFrom(quietBits)
                    .lanewise(VectorOperators.LSHR, v.and((short) 15)).and((short) 1)
                    .compare(VectorOperators.NE, (short) 0).and(v.compare(VectorOperators.ULT, (short) 128)).toLong();
            int start = 0;
            while (true) {
                int wordEnd = start + Long.numberOfTrailingZeros(~(letters >>> start));
                int next = wordEnd + Long.numberOfTrailingZeros(letters >>> wordEnd);
                if (next >= LANES) {
                    break;
                }
                int at = pos + start;
                int length = wordEnd - start;
                // Most words are short and ASCII: their hash has no branch. Others take a loop, and only with a bundle.
                boolean simple = length <= SHORT_WORD && (latin & (1L << wordEnd) - (1L << start)) == 0;
                long h = simple ? FirstWordHash.mulxor4Short(firstWordKey, chars, at, length)
                        : bundle == null || length > MAX_WORD ? 0 : FirstWordHash.mulxor4Folded(firstWordKey, chars, at, length, folds);
                long between = (1L << next) - (1L << wordEnd);
                int follow = 129 * chars[pos + wordEnd] + Math.min(chars[pos + wordEnd + 1], 128);
                boolean plain = length <= MAX_WORD && (between & ~quiet) == 0
                        && (endsPlain[follow >>> 6] >>> follow & 1) != 0 && (bundle == null || bundle.filterBit(h) == 0);
                if (!plain) {
                    return at;
                }
                start = next;
            }
            if (start == 0) {
                break;
            }
            pos += start;
        }
        return pos;
    }
}

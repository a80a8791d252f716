package io.custodia.optout.index;

import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Finds the letters and digits of a vector of ASCII chars at once and lower-cases them; loaded only when the JVM has the
 * Vector API.
 */
final class WordChars {

    /** The widest of 512, 256 and 128 bits that the machine has, so that a block's bits always divide a long. */
    private static final VectorSpecies<Short> SPECIES = ShortVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? ShortVector.SPECIES_512
            : ShortVector.SPECIES_PREFERRED.vectorBitSize() >= 256 ? ShortVector.SPECIES_256 : ShortVector.SPECIES_128;
    static final int LANES = SPECIES.length();

    private WordChars() {}

    /**
     * For {@code chars[from, from + LANES)}: a bit per char that is an ASCII letter or digit, with the block lower-cased
     * into {@code lower} at the same place; or -1, writing nothing, when the block holds a char beyond ASCII.
     */
    static long ofAsciiBlock(char[] chars, int from, char[] lower) {
        return ofAsciiBlock(SPECIES, chars, from, lower);
    }

    /**
     * The same with blocks of 8, 16 or 32 chars, whatever this machine prefers: the widths that other machines take, for
     * tests.
     */
    static long ofAsciiBlock(int lanes, char[] chars, int from, char[] lower) {
        VectorSpecies<Short> species = switch (lanes) {
            case 8 -> ShortVector.SPECIES_128;
            case 16 -> ShortVector.SPECIES_256;
            case 32 -> ShortVector.SPECIES_512;
            default -> throw new IllegalArgumentException("blocks of 8, 16 or 32 chars, not " + lanes);
        };
        return ofAsciiBlock(species, chars, from, lower);
    }

    private static long ofAsciiBlock(VectorSpecies<Short> species, char[] chars, int from, char[] lower) {
        ShortVector v = ShortVector.fromCharArray(species, chars, from);
        if (v.compare(VectorOperators.UGE, (short) 128).anyTrue()) {
            return -1;
        }
        VectorMask<Short> upper = v.sub((short) 'A').compare(VectorOperators.ULT, (short) 26);
        ShortVector lowered = v.lanewise(VectorOperators.OR, (short) 0x20, upper);
        VectorMask<Short> word = lowered.sub((short) 'a').compare(VectorOperators.ULT, (short) 26)
                .or(v.sub((short) '0').compare(VectorOperators.ULT, (short) 10));
        lowered.intoCharArray(lower, from);
        return word.toLong();
    }
}

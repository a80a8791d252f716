package io.custodia.pii;

import java.util.Arrays;

import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link CompatibilityForms#of} a vector of chars at a time, where the JVM has the Vector API: most text has no char that
 * may fold, and a loop of one compare per char (about half a nanosecond each) cost some 5% of the filter; where a vector
 * has some (curly quotes, dashes, other scripts), only those are looked up, one bit of a mask each.
 */
final class FoldableChars {

    private static final VectorSpecies<Short> SPECIES = ShortVector.SPECIES_PREFERRED;

    private FoldableChars() {}

    /** {@link CompatibilityForms#of(char[], int)}. */
    static char[] of(char[] chars, int length) {
        char[] folded = null;
        int lanes = SPECIES.length();
        int i = 0;
        for (; i + lanes <= length; i += lanes) {
            long high = ShortVector.fromCharArray(SPECIES, chars, i)
                    .compare(VectorOperators.UGE, (short) CompatibilityForms.FIRST).toLong();
            for (; high != 0; high &= high - 1) {
                int k = i + Long.numberOfTrailingZeros(high);
                char ascii = CompatibilityForms.fold(chars[k]);
                if (ascii != chars[k]) {
                    if (folded == null) {
                        folded = Arrays.copyOf(chars, length);
                    }
                    folded[k] = ascii;
                }
            }
        }
        char[] tail = CompatibilityForms.oneByOne(chars, i, length);
        if (tail != chars) {
            if (folded == null) {
                return tail;
            }
            System.arraycopy(tail, i, folded, i, length - i);
        }
        return folded == null ? chars : folded;
    }
}

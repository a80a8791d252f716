package io.custodia.pii;

import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/** Finds the next of a few chars a vector at a time, so that the scanner can ask where the next '@' is for a whole page. */
final class CharSearch {

    private static final VectorSpecies<Short> SPECIES = ShortVector.SPECIES_PREFERRED;

    private CharSearch() {}

    /** The first position in {@code chars[from, end)} holding one of {@code wanted}, or {@code end}. */
    static int firstOf(char[] chars, int from, int end, char[] wanted) {
        int lanes = SPECIES.length();
        int i = from;
        for (; i + lanes <= end; i += lanes) {
            ShortVector v = ShortVector.fromCharArray(SPECIES, chars, i);
            VectorMask<Short> hit = v.eq((short) wanted[0]);
            for (int k = 1; k < wanted.length; k++) {
                hit = hit.or(v.eq((short) wanted[k]));
            }
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        return PiiScanner.firstOfOneByOne(chars, i, end, wanted);
    }
}

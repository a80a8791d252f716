package io.custodia.pii;

import java.util.Arrays;

/**
 * The text as detectors read it: chars that write ASCII in another form (fullwidth {@code ＋４１} and {@code ＠}, digits
 * of other scripts such as Arabic-Indic {@code ٠٤٤}, hyphens and dashes that typesetting puts into numbers, ideographic
 * spaces and full stops) replaced by the ASCII char, one for one, so that offsets stay those of the text and only the
 * detection sees the change. Without it such a value passes every detector while a reader sees it plainly.
 */
final class CompatibilityForms {

    /** The first char that may fold: everything below (ASCII, Latin, Greek, Cyrillic, …) is read as it is. */
    static final char FIRST = '\u0660';
    /** The ASCII char for each char from {@link #FIRST} on that has one, else 0. */
    private static final char[] ASCII = new char[0x10000 - FIRST];

    static {
        for (int c = FIRST; c < 0x10000; c++) {
            char ascii = 0;
            if (c >= '\uFF01' && c <= '\uFF5E') {
                ascii = (char) (c - 0xFEE0);
            } else if (Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER) {
                ascii = (char) ('0' + Character.digit(c, 10));
            } else if (c == '\u2010' || c == '\u2011' || c == '\u2012' || c == '\u2013' || c == '\u2212' || c == '\uFE63') {
                // Hyphens, the figure dash, the en dash and the minus: what typesetting writes between a number's groups.
                ascii = '-';
            } else if (c == '\u3002' || c == '\uFF61') {
                // Ideographic full stops, which IDNA also reads as the dots of a domain.
                ascii = '.';
            } else if (c == '\uFE6B') {
                ascii = '@';
            } else if (c == '\u3000') {
                ascii = ' ';
            }
            ASCII[c - FIRST] = ascii;
        }
    }

    private CompatibilityForms() {}

    /** The char as detectors read it. */
    static char fold(char c) {
        if (c < FIRST) {
            return c;
        }
        char ascii = ASCII[c - FIRST];
        return ascii == 0 ? c : ascii;
    }

    /**
     * {@code chars[0, length)} as detectors read them: the same array when nothing there folds, else a folded copy of
     * that part.
     */
    static char[] of(char[] chars, int length) {
        return of(chars, length, PiiScanner.VECTORS);
    }

    /** {@link #of(char[], int)}, with the Vector API ({@link FoldableChars}) or one char at a time. */
    static char[] of(char[] chars, int length, boolean vectors) {
        return vectors ? FoldableChars.of(chars, length) : oneByOne(chars, 0, length);
    }

    /**
     * {@code chars[0, length)} folded one char at a time from {@code from} on; the same array when nothing there folds,
     * else a copy of length {@code length}.
     */
    static char[] oneByOne(char[] chars, int from, int length) {
        char[] folded = null;
        for (int i = from; i < length; i++) {
            char c = chars[i];
            if (c >= FIRST) {
                char ascii = fold(c);
                if (ascii != c) {
                    if (folded == null) {
                        folded = Arrays.copyOf(chars, length);
                    }
                    folded[i] = ascii;
                }
            }
        }
        return folded == null ? chars : folded;
    }
}

package io.custodia.pii;

/** ASCII character classes used by the detectors' hot loops, where {@link Character}'s Unicode tables cost too much. */
final class Chars {

    /** {@link Character#isLetterOrDigit} for every char, one bit each: the Unicode lookup costs too much per char. */
    private static final long[] WORD_CHARS = new long[1 << 10];

    static {
        for (int c = 0; c < 1 << 16; c++) {
            if (Character.isLetterOrDigit(c)) {
                WORD_CHARS[c >>> 6] |= 1L << c;
            }
        }
    }

    private Chars() {}

    static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean letter(char c) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }

    static boolean alnum(char c) {
        return digit(c) || letter(c);
    }

    /**
     * Letters and digits of any script: a value glued to one of these is part of a longer word, not a value. The
     * underscore is not one (markdown emphasis, snake_case), as in the identifier normalization.
     */
    static boolean wordChar(char c) {
        return c < 128 ? alnum(c) : (WORD_CHARS[c >>> 6] & 1L << c) != 0;
    }

    /**
     * Spaces that people and typesetting put inside numbers (no-break, thin, narrow no-break, figure) and the invisible
     * chars that can be slipped between digits to break a filter (zero-width space and joiners, word joiner, BOM, soft
     * hyphen).
     */
    static boolean numberSpace(char c) {
        return c == ' ' || c == '\u00a0' || c == '\u2009' || c == '\u202f' || c == '\u2007' || c == '\u200b'
                || c == '\u200c' || c == '\u200d' || c == '\u2060' || c == '\ufeff' || c == '\u00ad';
    }

    /** The invisible ones among {@link #numberSpace}: nobody types them by hand, so they may stand anywhere. */
    static boolean invisible(char c) {
        return c == '\u200b' || c == '\u200c' || c == '\u200d' || c == '\u2060' || c == '\ufeff' || c == '\u00ad';
    }

    static boolean hex(char c) {
        return digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
    }

    static char at(CharSequence text, int index, int end) {
        return index >= 0 && index < end ? text.charAt(index) : '\0';
    }
}

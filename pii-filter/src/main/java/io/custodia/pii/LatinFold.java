package io.custodia.pii;

/**
 * The name normalization of {@link IdentifierNormalizer} for the common case, without regular expressions: Latin
 * letters and digits folded through a table computed from the normalizer itself, ASCII separators collapsed to one
 * space. Text it cannot vouch for (apostrophes, which may be possessives, or anything outside the table) gets null, and
 * the caller uses the normalizer. A duel test compares the two on random text.
 */
final class LatinFold {

    static final int TABLE = 0x250;

    private final String[] folded = new String[TABLE];
    /** The folded form where it is one char, for the scanner's per-char loop; 0 where it is longer or unknown. */
    private final char[] single = new char[TABLE];

    LatinFold(IdentifierNormalizer normalizer) {
        for (char c = 0; c < TABLE; c++) {
            if (Character.isLetterOrDigit(c)) {
                String f = normalizer.normalize(IdentifierKind.NAME, String.valueOf(c));
                folded[c] = f.isEmpty() || f.indexOf(' ') >= 0 ? null : f;
                single[c] = folded[c] != null && folded[c].length() == 1 ? folded[c].charAt(0) : 0;
            }
        }
    }

    /** The folded form of one letter or digit, or null when the table does not cover it. */
    String fold(char c) {
        return c < TABLE ? folded[c] : null;
    }

    /** The folds that are one char, by char below {@link #TABLE}; 0 for the rest. Shared, not to be written. */
    char[] singleCharFolds() {
        return single;
    }

    /** Whether a char between words collapses to a space in every context: ASCII and not an apostrophe. */
    static boolean plainSeparator(char c) {
        return c < 128 && c != '\'' && !Chars.alnum(c);
    }

    /** The normalized form of {@code text[from, to)}, which starts and ends with a letter or digit, or null. */
    String normalize(CharSequence text, int from, int to) {
        StringBuilder out = new StringBuilder(to - from + 8);
        boolean inSeparator = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            String f = fold(c);
            if (f != null) {
                if (inSeparator) {
                    out.append(' ');
                    inSeparator = false;
                }
                out.append(f);
            } else if (plainSeparator(c)) {
                inSeparator = true;
            } else {
                return null;
            }
        }
        return out.toString();
    }
}

package io.custodia.pii;

/**
 * Recognizes one kind of value starting exactly at a given position; the place to add more kinds.
 *
 * <p>Detectors read the text with compatibility forms folded to ASCII, one char for one: fullwidth forms, decimal
 * digits of other scripts, the hyphens and dashes U+2010 to U+2013, U+2212 and U+FE63, ideographic spaces and full
 * stops, and the small commercial at. So a detector looks for ASCII alone and still finds {@code ＋４１ ４４ ６６８ １８ ００}.
 *
 * <p>A detector may read {@code text[start - 1]} (and up to {@link #lookBehind()} characters before it) and at most
 * {@link #maxLength()} + 1 characters from {@code start}; the scanner guarantees those are present unless the text
 * truly ends, which is what makes streaming output equal to batch output.
 */
public interface Detector {

    PiiType type();

    /** The longest value this detector ever matches, in chars. */
    int maxLength();

    /** Whether a value of this kind can begin with this char; lets the scanner skip the detector cheaply. */
    default boolean canStartWith(char c) {
        return true;
    }

    /**
     * A cheap necessary condition, given where the word starting at {@code start} ends: {@code wordEnd} is looked for no
     * further than the scanner's window (the longest detector's), and equals that bound when the word goes on. Reading
     * {@code text[wordEnd]} is allowed when {@code wordEnd < end}.
     */
    default boolean mayMatch(CharSequence text, int start, int wordEnd, int end) {
        return true;
    }

    /**
     * Whether a value can start at a word made only of letters, of any script ("the", "Anna", "Zürich"), that ends
     * before {@code next}, a char that is not a letter or digit. Such words are most of any text, so the scanner asks once per kind of
     * {@code next} and does not call {@link #mayMatch} on them where this says no; it must be true wherever
     * {@code mayMatch} may be.
     */
    default boolean mayStartAtLetters(char next) {
        return true;
    }

    /**
     * {@link #mayStartAtLetters(char)} knowing the char after {@code next} too, where the text has it: a word at the
     * end of a sentence ("… the weather. Next") is followed by a dot, which e-mail addresses also have, but then by a
     * space, which they do not. Must be true wherever {@code mayMatch} may be, given both chars. Beyond ASCII the answer
     * may depend on {@code afterNext} only through which of three kinds it is: an invisible char (zero-width space and
     * joiners, word joiner, BOM, soft hyphen), else a letter or digit of any script, else anything else; the scanner
     * asks once per kind.
     */
    default boolean mayStartAtLetters(char next, char afterNext) {
        return mayStartAtLetters(next);
    }

    /**
     * Whether a value can start at a word of one to six ASCII digits ("1995", "45", "2003") followed by {@code next},
     * an ASCII char that is not a letter or digit, and {@code afterNext}, an ASCII char. Years, counts and prices are
     * most numbers in text, and the scanner asks once per pair of chars and does not call {@link #mayMatch} on such
     * words where every detector says no; it must be true wherever {@code mayMatch} may be, given both chars.
     */
    default boolean mayStartAtNumber(char next, char afterNext) {
        return true;
    }

    /**
     * Chars one of which every value this detector finds holds (in the folded view of the text, at most
     * {@link #maxLength()} chars from its start), or an empty string when there are none such. Where none of them occurs
     * that close to a start, the scanner does not ask: an e-mail address needs its '@' or a bracket, which most text
     * lacks for pages on end.
     */
    default String requiredChars() {
        return "";
    }

    /** How many chars before {@code start} the detector looks at. */
    default int lookBehind() {
        return 1;
    }

    /**
     * The value starting at {@code start}, or null if none does; {@code end} is the end of the text available, which is
     * the true end of the text whenever it is closer than {@code start + maxLength() + 1}.
     */
    Span match(CharSequence text, int start, int end);
}

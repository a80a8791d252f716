package io.custodia.pii;

import java.util.Locale;

/**
 * E-mail addresses as people write them: a dot-atom local part (RFC 5322, without quoted forms) and a domain of at
 * least two labels with an alphabetic top-level label; internationalized domain labels are accepted, and so is the
 * spelling that web pages use against address harvesters, "(at)" and "[dot]" in brackets.
 */
final class EmailDetector implements Detector {

    private static final int MAX_LOCAL = 64;
    private static final int MAX = 254;

    @Override
    public PiiType type() {
        return PiiType.EMAIL;
    }

    @Override
    public boolean canStartWith(char c) {
        return Chars.wordChar(c);
    }

    /**
     * The '@' must follow the first word, or a local-part symbol and then another local-part char or the '@': a word
     * that ends a sentence starts no address.
     */
    @Override
    public boolean mayMatch(CharSequence text, int start, int wordEnd, int end) {
        if (wordEnd >= end || wordEnd - start > MAX_LOCAL) {
            return false;
        }
        char next = text.charAt(wordEnd);
        // Where the text ends after next, the char after it is not known yet.
        return wordEnd + 1 >= end ? mayStartAtLetters(next) : mayStartAtLetters(next, text.charAt(wordEnd + 1));
    }

    @Override
    public boolean mayStartAtLetters(char next, char afterNext) {
        if (next == ' ') {
            return OPENERS.indexOf(afterNext) >= 0;
        }
        return next == '@' || mayStartAtLetters(next) && (afterNext == '@' || localChar(afterNext) || Chars.invisible(afterNext)
                || Chars.invisible(next) && (afterNext == ' ' || OPENERS.indexOf(afterNext) >= 0));
    }

    /** A local part of digits goes on as one of letters does. */
    @Override
    public boolean mayStartAtNumber(char next, char afterNext) {
        return mayStartAtLetters(next, afterNext);
    }

    @Override
    public boolean mayStartAtLetters(char next) {
        return next == '@' || next == '.' || next == '%' || next == '+' || next == '-' || next == '\'' || next == '_'
                || Chars.invisible(next) || next == ' ' || OPENERS.indexOf(next) >= 0;
    }

    /** Brackets around "at" and "dot" in addresses spelled against harvesters, and what closes each. */
    private static final String OPENERS = "([{<";
    private static final String CLOSERS = ")]}>";

    @Override
    public int maxLength() {
        return MAX;
    }

    /** The '@', or the bracket of a spelled-out "(at)" or "(dot)": an address without either is no address. */
    @Override
    public String requiredChars() {
        return "@" + OPENERS;
    }

    private static boolean localChar(char c) {
        return c < 128
                ? Chars.alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\''
                : Chars.wordChar(c);
    }

    private static boolean labelChar(char c) {
        return c < 128 ? Chars.alnum(c) || c == '-' : Chars.wordChar(c);
    }

    @Override
    public Span match(CharSequence text, int start, int end) {
        Span plain = plainMatch(text, start, end, true);
        return plain != null ? plain : spelledOut(text, start, end);
    }

    /**
     * An address with "(at)" or "[at]" for its '@' and perhaps "(dot)" for dots, one space allowed on each side of a
     * bracket: read into a copy with the real chars, which must then be an address as written.
     */
    private static Span spelledOut(CharSequence text, int start, int end) {
        int bound = Math.min(end, start + MAX + 1);
        int i = start;
        while (i < bound && (localChar(text.charAt(i)) || Chars.invisible(text.charAt(i)))) {
            i++;
        }
        // Most words that get here (hyphenated words, "e.g.") have no bracket after them: decided before any copy is made.
        if (i >= bound || !markerMayFollow(text, start, i) || marker(text, i, bound, "at") < 0 && marker(text, i, bound, "dot") < 0) {
            return null;
        }
        StringBuilder copy = new StringBuilder();
        // Where in the text each char of the copy starts; one more entry for where the copy ends.
        int[] origin = new int[bound - start + 1];
        boolean spelledAt = false;
        int j = start;
        while (j < bound) {
            char c = text.charAt(j);
            if (localChar(c) || Chars.invisible(c) || c == '@') {
                origin[copy.length()] = j;
                copy.append(c);
                j++;
                continue;
            }
            int after = markerMayFollow(text, start, j) ? marker(text, j, bound, "at") : -1;
            char real = '@';
            if (after < 0 && markerMayFollow(text, start, j)) {
                after = marker(text, j, bound, "dot");
                real = '.';
            }
            if (after < 0) {
                break;
            }
            spelledAt |= real == '@';
            origin[copy.length()] = j;
            copy.append(real);
            j = after;
        }
        if (!spelledAt || j == bound && bound < end) {
            return null;
        }
        origin[copy.length()] = j;
        // Strict about dots here: "Zoë. (at) the" is a sentence's end and a word, not an address.
        Span found = plainMatch(copy, 0, copy.length(), false);
        return found == null ? null : new Span(start, origin[found.end()], PiiType.EMAIL, found.canonical());
    }

    /**
     * Whether a spelled-out "(at)" or "(dot)" may stand at {@code at}: after a letter or digit, invisible chars read
     * through. "jane_ (at) example" is nobody's address, and the scanner's gate does not send such words here.
     */
    private static boolean markerMayFollow(CharSequence text, int start, int at) {
        int k = at - 1;
        while (k > start && Chars.invisible(text.charAt(k))) {
            k--;
        }
        return k >= start && Chars.wordChar(text.charAt(k));
    }

    /**
     * The end of "at" or "dot" (any case) in matching brackets at {@code from}, a space allowed before the bracket and
     * after it, invisible chars read through as in the rest of an address; or -1.
     */
    private static int marker(CharSequence text, int from, int bound, String word) {
        int i = visible(text, from, bound);
        if (i < bound && text.charAt(i) == ' ') {
            i = visible(text, i + 1, bound);
        }
        int kind = i < bound ? OPENERS.indexOf(text.charAt(i)) : -1;
        if (kind < 0) {
            return -1;
        }
        for (int k = 0; k < word.length(); k++) {
            i = visible(text, i + 1, bound);
            if (i >= bound || (text.charAt(i) | 0x20) != word.charAt(k)) {
                return -1;
            }
        }
        i = visible(text, i + 1, bound);
        if (i >= bound || text.charAt(i) != CLOSERS.charAt(kind)) {
            return -1;
        }
        i++;
        return i < bound && text.charAt(i) == ' ' ? i + 1 : i;
    }

    /** The first position from {@code i} that holds no invisible char. */
    private static int visible(CharSequence text, int i, int bound) {
        while (i < bound && Chars.invisible(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** An address written with its '@'; {@code looseDots} lets its local part hold dots side by side or before the '@'. */
    private static Span plainMatch(CharSequence text, int start, int end, boolean looseDots) {
        int bound = Math.min(end, start + MAX + 1);
        char first = text.charAt(start);
        char prev = Chars.at(text, start - 1, end);
        // After a quote, a dash or a dot an address may start ("'jane@x.org'"); glued to a word or an '@' it may not.
        if (!Chars.wordChar(first) || Chars.wordChar(prev) || prev == '@') {
            return null;
        }
        // Invisible chars (zero-width space, soft hyphen, …) inside an address are read through, not taken as its end.
        int i = start;
        while (i < bound && i - start <= MAX_LOCAL && (localChar(text.charAt(i)) || Chars.invisible(text.charAt(i)))) {
            i++;
        }
        if (i >= bound || text.charAt(i) != '@' || i - start > MAX_LOCAL) {
            return null;
        }
        // Dots side by side or just before the '@' break RFC 5322, but Japanese mobile carriers gave out such addresses
        // (taro..yamada.@docomo.ne.jp), and a typo leaves them just as personal: written with its '@', the whole
        // address is the value.
        for (int k = start + 1; k < i && !looseDots; k++) {
            if (text.charAt(k) == '.' && (text.charAt(k - 1) == '.' || k == i - 1)) {
                return null;
            }
        }
        int at = i++;
        int labels = 0;
        int lastLabelStart = i;
        boolean lastLabelAlphabetic = false;
        while (i < bound) {
            int labelStart = i;
            boolean alphabetic = true;
            while (i < bound && (labelChar(text.charAt(i)) || Chars.invisible(text.charAt(i)))) {
                alphabetic &= !Chars.digit(text.charAt(i)) && text.charAt(i) != '-';
                i++;
            }
            int length = i - labelStart;
            if (length == 0 || length > 63 || text.charAt(labelStart) == '-' || text.charAt(i - 1) == '-') {
                // An empty or malformed label ends the domain before it.
                i = labelStart - 1;
                break;
            }
            labels++;
            lastLabelStart = labelStart;
            lastLabelAlphabetic = alphabetic;
            if (i + 1 < bound && text.charAt(i) == '.' && labelChar(text.charAt(i + 1))) {
                i++;
            } else {
                break;
            }
        }
        if (i == bound && bound < end) {
            return null;
        }
        if (labels < 2 || !lastLabelAlphabetic || i - lastLabelStart < 2 || i <= at + 1) {
            return null;
        }
        char next = Chars.at(text, i, end);
        if (next == '@' || (i < end && Chars.wordChar(next))) {
            return null;
        }
        StringBuilder canonical = new StringBuilder(i - start);
        for (int k = start; k < i; k++) {
            if (!Chars.invisible(text.charAt(k))) {
                canonical.append(text.charAt(k));
            }
        }
        return new Span(start, i, PiiType.EMAIL, canonical.toString().toLowerCase(Locale.ROOT));
    }
}

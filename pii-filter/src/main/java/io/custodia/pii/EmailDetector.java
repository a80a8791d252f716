package io.custodia.pii;

import java.util.Locale;

/**
 * E-mail addresses as people write them: a dot-atom local part (RFC 5322, without quoted forms) and a domain of at
 * least two labels with an alphabetic top-level label; internationalized domain labels are accepted.
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
        return next == '@' || mayStartAtLetters(next) && (afterNext == '@' || localChar(afterNext) || Chars.invisible(afterNext));
    }

    @Override
    public boolean mayStartAtLetters(char next) {
        return next == '@' || next == '.' || next == '%' || next == '+' || next == '-' || next == '\'' || next == '_'
                || Chars.invisible(next);
    }

    @Override
    public int maxLength() {
        return MAX;
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
        if (i >= bound || text.charAt(i) != '@' || i - start > MAX_LOCAL || text.charAt(i - 1) == '.') {
            return null;
        }
        for (int k = start + 1; k < i; k++) {
            if (text.charAt(k) == '.' && text.charAt(k - 1) == '.') {
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

package io.custodia.pii;

/**
 * Swiss social security numbers (AHV/AVS): 756.xxxx.xxxx.xx, the same groups split by spaces, or 13 digits, with the
 * EAN-13 check digit.
 */
final class AhvDetector implements Detector {

    // 16 chars at most, plus the two after it that tell whether a longer number goes on.
    private static final int MAX = 18;

    @Override
    public PiiType type() {
        return PiiType.CH_AHV;
    }

    @Override
    public boolean canStartWith(char c) {
        return c == '7';
    }

    @Override
    public boolean mayMatch(CharSequence text, int start, int wordEnd, int end) {
        return wordEnd - start >= 3 && text.charAt(start + 1) == '5' && text.charAt(start + 2) == '6';
    }

    /** A word this short can only be the group 756, followed by a dot or a space and the next group. */
    @Override
    public boolean mayStartAtNumber(char next, char afterNext) {
        return (next == '.' || Chars.numberSpace(next)) && Chars.digit(afterNext);
    }

    /** AHV numbers start with 756. */
    @Override
    public boolean mayStartAtLetters(char next) {
        return false;
    }

    @Override
    public int maxLength() {
        return MAX;
    }

    @Override
    public Span match(CharSequence text, int start, int end) {
        int bound = Math.min(end, start + MAX + 1);
        if (start + 13 > bound || text.charAt(start) != '7' || text.charAt(start + 1) != '5' || text.charAt(start + 2) != '6'
                || Chars.wordChar(Chars.at(text, start - 1, end)) || Chars.at(text, start - 1, end) == '.') {
            return null;
        }
        // The official dots, or spaces as people also write it: one kind throughout, between the same groups.
        char separator = text.charAt(start + 3);
        boolean grouped = separator == '.' || Chars.numberSpace(separator);
        StringBuilder digits = new StringBuilder(13);
        int i = start;
        while (i < bound && digits.length() < 13) {
            char c = text.charAt(i);
            if (Chars.digit(c)) {
                digits.append(c);
            } else if (!(grouped && c == separator && (i - start == 3 || i - start == 8 || i - start == 13))) {
                return null;
            }
            i++;
        }
        if (digits.length() != 13) {
            return null;
        }
        char next = Chars.at(text, i, end);
        boolean goesOn = (next == '.' || grouped && next == separator) && Chars.digit(Chars.at(text, i + 1, end));
        if (i < end && (Chars.wordChar(next) || goesOn)) {
            return null;
        }
        if (!ean13(digits)) {
            return null;
        }
        String d = digits.toString();
        return new Span(start, i, PiiType.CH_AHV, d.substring(0, 3) + "." + d.substring(3, 7) + "." + d.substring(7, 11) + "." + d.substring(11));
    }

    static boolean ean13(CharSequence digits) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return (10 - sum % 10) % 10 == digits.charAt(12) - '0';
    }
}

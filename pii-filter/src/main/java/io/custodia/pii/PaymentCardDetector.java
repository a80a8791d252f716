package io.custodia.pii;

/**
 * Payment card numbers: 13 to 19 digits, optionally grouped by one kind of separator, with a valid Luhn check digit
 * and an issuer prefix whose brand allows that length. Digit runs that fail either check are not cards.
 */
final class PaymentCardDetector implements Detector {

    private static final int MAX = 19 + 18;

    @Override
    public PiiType type() {
        return PiiType.PAYMENT_CARD;
    }

    @Override
    public boolean canStartWith(char c) {
        return Chars.digit(c);
    }

    /** Thirteen digits at least: a shorter first group must go on after a separator ("1995 the" starts no card). */
    @Override
    public boolean mayMatch(CharSequence text, int start, int wordEnd, int end) {
        if (wordEnd - start >= 13 || wordEnd + 1 >= end) {
            return wordEnd > start;
        }
        char next = text.charAt(wordEnd);
        return (Chars.numberSpace(next) || next == '-') && Chars.digit(text.charAt(wordEnd + 1));
    }

    /** A group this short must go on after a space or a dash, as in {@link #mayMatch}. */
    @Override
    public boolean mayStartAtNumber(char next, char afterNext) {
        return (Chars.numberSpace(next) || next == '-') && Chars.digit(afterNext);
    }

    /** Card numbers start with a digit. */
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
        if (!Chars.digit(text.charAt(start)) || Chars.wordChar(Chars.at(text, start - 1, end))) {
            return null;
        }
        char[] digits = new char[MAX];
        int[] groupEnds = new int[MAX + 1];
        int[] groupDigits = new int[MAX + 1];
        int groups = 0;
        int count = 0;
        char separator = 0;
        int i = start;
        while (i < bound) {
            char c = text.charAt(i);
            if (Chars.digit(c)) {
                digits[count++] = c;
                i++;
                if (i == bound || !(Chars.digit(text.charAt(i)) || Chars.invisible(text.charAt(i)))) {
                    groupEnds[groups] = i;
                    groupDigits[groups++] = count;
                }
            } else if (Chars.invisible(c) && count > 0 && i + 1 < bound && Chars.digit(text.charAt(i + 1))) {
                // Invisible chars inside a group are read through, whatever the separator.
                i++;
            } else if ((Chars.numberSpace(c) || c == '-') && (separator == 0 || separator == kind(c)) && i + 1 < bound
                    && Chars.digit(text.charAt(i + 1))) {
                separator = kind(c);
                i++;
            } else {
                break;
            }
        }
        // A run cut by the window may go on: its last group is not known to be complete.
        if (i == bound && bound < end) {
            groups--;
        }
        // The longest number that ends where a group ends and passes the checks: "4111 1111 1111 1111 12/26" holds a card.
        for (int g = groups - 1; g >= 0; g--) {
            int n = groupDigits[g];
            int stop = groupEnds[g];
            if (n < 13 || n > 19 || (g == groups - 1 && stop < end && Chars.wordChar(text.charAt(stop)))) {
                continue;
            }
            String number = new String(digits, 0, n);
            if (luhn(number) && issuerAllows(number)) {
                return new Span(start, stop, PiiType.PAYMENT_CARD, number);
            }
        }
        return null;
    }

    /** Groups are separated by dashes or by spaces of any kind, one kind throughout. */
    private static char kind(char c) {
        return c == '-' ? '-' : ' ';
    }

    static boolean luhn(String number) {
        int sum = 0;
        boolean doubled = false;
        for (int i = number.length() - 1; i >= 0; i--) {
            int d = number.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /** Issuer identification numbers and the lengths each brand issues (ISO/IEC 7812 as the brands publish them). */
    static boolean issuerAllows(String n) {
        int length = n.length();
        int two = Integer.parseInt(n.substring(0, 2));
        int three = Integer.parseInt(n.substring(0, 3));
        int four = Integer.parseInt(n.substring(0, 4));
        int six = Integer.parseInt(n.substring(0, 6));
        if (n.charAt(0) == '4') {
            return length == 13 || length == 16 || length == 19; // Visa
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return length == 16; // Mastercard
        }
        if (two == 34 || two == 37) {
            return length == 15; // American Express
        }
        if (four == 6011 || (three >= 644 && three <= 649) || two == 65 || (six >= 622126 && six <= 622925)) {
            return length >= 16; // Discover
        }
        if (four >= 3528 && four <= 3589) {
            return length >= 16; // JCB
        }
        if ((three >= 300 && three <= 305) || two == 36 || two == 38 || two == 39) {
            return length >= 14; // Diners Club
        }
        if (two == 62) {
            return length >= 16; // UnionPay
        }
        if (two == 50 || (two >= 56 && two <= 69)) {
            return length >= 13; // Maestro
        }
        return false;
    }
}

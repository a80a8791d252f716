package io.custodia.pii;

import java.util.Map;

/**
 * IBANs (ISO 13616) for every registered country, with or without the usual groups of four, checked with mod-97.
 */
final class IbanDetector implements Detector {

    /** Country code to IBAN length, from the SWIFT IBAN registry. */
    static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
            Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BI", 27),
            Map.entry("BR", 29), Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28),
            Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28),
            Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FK", 18),
            Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GE", 22), Map.entry("GI", 23),
            Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28), Map.entry("HN", 28), Map.entry("HR", 21),
            Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26),
            Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28),
            Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21),
            Map.entry("LY", 25), Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19),
            Map.entry("MN", 20), Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NI", 28),
            Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("OM", 23), Map.entry("PK", 24), Map.entry("PL", 28),
            Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29), Map.entry("RO", 24), Map.entry("RS", 22),
            Map.entry("RU", 33), Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SD", 18), Map.entry("SE", 24),
            Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("SO", 23), Map.entry("ST", 25),
            Map.entry("SV", 28), Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29),
            Map.entry("VA", 22), Map.entry("VG", 24), Map.entry("XK", 20), Map.entry("YE", 30));

    // 34 chars in groups of four, and as many invisible chars again.
    private static final int MAX = 2 * 34 + 8;

    @Override
    public PiiType type() {
        return PiiType.IBAN;
    }

    @Override
    public boolean canStartWith(char c) {
        return Chars.letter(c);
    }

    @Override
    public boolean mayMatch(CharSequence text, int start, int wordEnd, int end) {
        if (wordEnd < end && wordEnd - start < 4 && Chars.invisible(text.charAt(wordEnd))) {
            return true;
        }
        return wordEnd - start >= 4 && Chars.digit(text.charAt(start + 2)) && Chars.digit(text.charAt(start + 3));
    }

    /** Letters alone never hold the check digits; only a short word cut by an invisible char may go on to them. */
    @Override
    public boolean mayStartAtLetters(char next) {
        return Chars.invisible(next);
    }

    @Override
    public int maxLength() {
        return MAX;
    }

    @Override
    public Span match(CharSequence text, int start, int end) {
        int bound = Math.min(end, start + MAX + 1);
        // An IBAN starts at its country code: not at an invisible char before it, which the value would then include.
        if (!canStartWith(text.charAt(start)) || Chars.wordChar(Chars.at(text, start - 1, end))) {
            return null;
        }
        StringBuilder iban = new StringBuilder(34);
        Integer length = null;
        int i = start;
        int sinceSpace = 0;
        // Groups of four apart by spaces, as printed, or by hyphens, as some forms do: one kind throughout.
        boolean hyphens = false;
        while (i < bound && (length == null || iban.length() < length)) {
            char c = text.charAt(i);
            if (Chars.alnum(c)) {
                int at = iban.length();
                // Country letters, then check digits, then the account.
                if ((at < 2 && !Chars.letter(c)) || (at >= 2 && at < 4 && !Chars.digit(c))) {
                    return null;
                }
                iban.append(Character.toUpperCase(c));
                sinceSpace++;
                i++;
                if (iban.length() == 2 && (length = LENGTHS.get(iban.toString())) == null) {
                    return null;
                }
            } else if (Chars.invisible(c) && i + 1 < bound && Chars.alnum(text.charAt(i + 1))) {
                i++;
            } else if ((c == '-' ? iban.length() == 4 || hyphens : Chars.numberSpace(c) && !hyphens) && sinceSpace == 4
                    && i + 1 < bound && Chars.alnum(text.charAt(i + 1))) {
                hyphens = c == '-';
                sinceSpace = 0;
                i++;
            } else {
                break;
            }
        }
        if (length == null || iban.length() != length || (i < end && Chars.wordChar(text.charAt(i)))) {
            return null;
        }
        return mod97(iban) == 1 ? new Span(start, i, PiiType.IBAN, iban.toString()) : null;
    }

    /** The check of ISO 7064 MOD 97-10: the first four characters moved to the end, letters as 10..35. */
    static int mod97(CharSequence iban) {
        int remainder = 0;
        int n = iban.length();
        for (int k = 0; k < n; k++) {
            char c = iban.charAt((k + 4) % n);
            int value = Chars.digit(c) ? c - '0' : c - 'A' + 10;
            remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
        }
        return remainder;
    }
}

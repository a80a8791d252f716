package io.custodia.pii;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Phone numbers, validated by libphonenumber: international form ({@code +41 …} or {@code 0041 …}) for any country, and
 * national form for the configured regions. Written numbers only count when they start with the region's trunk
 * prefix (0 in most of Europe) or, for North America, have ten digits, so bare digit runs stay unflagged. Italian
 * mobile numbers have no trunk prefix (347 123 4567): they count when written in groups, never as a bare run.
 */
final class PhoneDetector implements Detector {

    private static final int MAX = 30;
    static final Pattern DATE = Pattern.compile("\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}|\\d{1,2}[-./]\\d{1,2}[-./]\\d{2,4}");
    /** North American numbers written nationally must look like one: (NXX) NXX-XXXX and its usual variants. */
    private static final Pattern NANP = Pattern.compile("(?:1[ .-]?)?(?:\\(\\d{3}\\) ?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}");
    /** ISBN-10 and ISBN-13 as printed with hyphens: 4 or 5 groups, the check digit alone at the end. */
    static final Pattern ISBN = Pattern.compile("\\d{1,5}-\\d{1,7}-\\d{1,7}-[\\dX]|97[89]-\\d{1,5}-\\d{1,7}-\\d{1,7}-\\d");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** Countries whose numbers {@link #direct} may split without parsing: those its duel test covers. */
    static final Set<String> DIRECT_REGIONS = Set.of("CH", "DE", "AT", "FR", "IT", "GB", "US", "NL", "BE",
            "ES", "PT", "IE", "DK", "SE", "NO", "FI", "PL", "CZ");

    private final List<String> regions;
    /** Per region, whether it dials as North America (+1); looked up once, as libphonenumber's lookup allocates. */
    private final boolean[] northAmerica;
    /** Whether Italy is among the regions: its mobile numbers are dialled nationally without a trunk prefix. */
    private final boolean italy;
    /** Whether some region dials as North America: only then may ten or eleven digits without a trunk prefix be valid. */
    private final boolean anyNorthAmerica;

    PhoneDetector(List<String> regions) {
        this.regions = List.copyOf(regions);
        this.northAmerica = new boolean[regions.size()];
        this.italy = regions.contains("IT");
        boolean any = false;
        for (int i = 0; i < regions.size(); i++) {
            northAmerica[i] = PHONES.getCountryCodeForRegion(regions.get(i)) == 1;
            any |= northAmerica[i];
        }
        this.anyNorthAmerica = any;
    }

    @Override
    public PiiType type() {
        return PiiType.PHONE;
    }

    @Override
    public boolean canStartWith(char c) {
        return Chars.digit(c) || c == '+' || c == '(';
    }

    /**
     * Most digit runs in text are no phone number and say so within a char or two: a group after a dot or a slash, a year
     * or a count followed by a word, a percentage. The checks are {@link #match}'s own, in the order they decide.
     */
    @Override
    public boolean mayMatch(CharSequence text, int start, int wordEnd, int end) {
        if (continuesAnother(Chars.at(text, start - 1, end))) {
            return false;
        }
        if (!Chars.digit(text.charAt(start)) || wordEnd - start >= 7) {
            return true;
        }
        // Fewer than seven digits so far: the run must go on through one or two separators to another digit.
        int i = wordEnd;
        while (i < end && i - wordEnd < 2 && separator(text.charAt(i))) {
            i++;
        }
        return i > wordEnd && i < end && Chars.digit(text.charAt(i));
    }

    /** Whether a run after {@code prev} is part of something longer (a word, a dotted or hyphenated number), not a start. */
    private static boolean continuesAnother(char prev) {
        return Chars.wordChar(prev) || prev == '+' || prev == '.' || prev == '-' || prev == '/';
    }

    /** Fewer than seven digits must go on through one or two separators to another digit, as in {@link #mayMatch}. */
    @Override
    public boolean mayStartAtNumber(char next, char afterNext) {
        return separator(next) && (Chars.digit(afterNext) || separator(afterNext));
    }

    /** Numbers start with a digit, a plus or a bracket. */
    @Override
    public boolean mayStartAtLetters(char next) {
        return false;
    }

    @Override
    public int maxLength() {
        return MAX;
    }

    private static boolean separator(char c) {
        return c == '-' || c == '.' || c == '/' || c == '(' || c == ')' || Chars.numberSpace(c);
    }

    @Override
    public Span match(CharSequence text, int start, int end) {
        int bound = Math.min(end, start + MAX + 1);
        char first = text.charAt(start);
        if (!(Chars.digit(first) || first == '+' || first == '(') || continuesAnother(Chars.at(text, start - 1, end))) {
            return null;
        }
        int i = first == '+' ? start + 1 : start;
        int digits = 0;
        int lastDigitEnd = -1;
        int separatorRun = 0;
        while (i < bound) {
            char c = text.charAt(i);
            if (Chars.digit(c)) {
                digits++;
                lastDigitEnd = i + 1;
                separatorRun = 0;
            } else if (separator(c) && ++separatorRun <= 2) {
                // Two in a row at most: ") " and " (" occur in numbers, longer runs separate numbers.
            } else {
                break;
            }
            i++;
        }
        if (i == bound && bound < end && lastDigitEnd > 0) {
            // The run goes on past what may be read: its last group may be cut, so leave that group out.
            int groupStart = lastDigitEnd;
            while (groupStart > start && Chars.digit(text.charAt(groupStart - 1))) {
                groupStart--;
            }
            digits -= lastDigitEnd - groupStart;
            int k = groupStart;
            while (k > start && separator(text.charAt(k - 1))) {
                k--;
            }
            if (k <= start || !Chars.digit(text.charAt(k - 1))) {
                return null;
            }
            lastDigitEnd = k;
        }
        if (lastDigitEnd < 0 || (lastDigitEnd < end && Chars.wordChar(text.charAt(lastDigitEnd)))) {
            return null;
        }
        if (digits < 7) {
            return null;
        }
        int firstDigitAt = start;
        while (!Chars.digit(text.charAt(firstDigitAt))) {
            firstDigitAt++;
        }
        char firstDigit = text.charAt(firstDigitAt);
        // The runs tried below have this many digits or fewer: with fewer than ten, only a plus or a trunk prefix makes
        // one valid. Most dates, prices and counts end here, before the patterns.
        if (digits < 10 && first != '+' && firstDigit != '0') {
            return null;
        }
        if (maybeDateOrIsbn(text, start, lastDigitEnd)) {
            String whole = text.subSequence(start, lastDigitEnd).toString();
            if (DATE.matcher(whole).matches() || ISBN.matcher(whole).matches()) {
                return null;
            }
        }
        // Try the whole run, then shorter runs group by group: "+41 44 668 18 00 12 times" still finds the number.
        int stop = lastDigitEnd;
        while (stop > start && digits >= 7) {
            boolean whole = stop == lastDigitEnd;
            String e164 = digits <= 15 && mayBeValid(first, firstDigit, digits, whole)
                    ? valid(text.subSequence(start, stop).toString(), digits, whole) : null;
            if (e164 != null) {
                return new Span(start, stop, PiiType.PHONE, e164);
            }
            int k = stop - 1;
            while (k > start && Chars.digit(text.charAt(k - 1))) {
                k--;
            }
            digits -= stop - k;
            while (k > start && separator(text.charAt(k - 1))) {
                k--;
            }
            if (k <= start || !Chars.digit(text.charAt(k - 1))) {
                return null;
            }
            stop = k;
        }
        return null;
    }

    /**
     * Whether a run may be a date (three groups, two of "-./") or a printed ISBN (four or five groups, hyphens only), as
     * the two patterns read them: most numbers fail this cheaply, an IP address for one, and skip the patterns.
     */
    static boolean maybeDateOrIsbn(CharSequence text, int start, int end) {
        int separators = 0;
        boolean hyphens = true;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '-' || c == '.' || c == '/') {
                separators++;
                hyphens &= c == '-';
            } else if (!Chars.digit(c)) {
                return false;
            }
        }
        return separators == 2 || hyphens && (separators == 3 || separators == 4);
    }

    /**
     * Whether {@link #valid} can accept a candidate that starts with {@code first} and whose first digit is {@code
     * firstDigit}: only an international number, a trunk prefix, a North American length or an Italian mobile number can.
     * Most digit runs that reach this (prices, IP addresses, card numbers) are none of them and cost no parsing.
     */
    boolean mayBeValid(char first, char firstDigit, int digits, boolean whole) {
        return first == '+' || firstDigit == '0'
                || anyNorthAmerica && (digits == 10 || digits == 11 && firstDigit == '1')
                || italy && whole && firstDigit == '3' && digits == 10;
    }

    /** The E.164 form of a candidate of so many digits, or null; {@code whole} when it is the whole run of digits. */
    String valid(String candidate, int digits, boolean whole) {
        // libphonenumber knows ordinary spaces: other visible spaces count as one, invisible chars as nothing.
        StringBuilder plain = new StringBuilder(candidate.length());
        char firstDigit = 'x';
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (!Chars.invisible(c)) {
                plain.append(Chars.numberSpace(c) ? ' ' : c);
            }
            if (firstDigit == 'x' && Chars.digit(c)) {
                firstDigit = c;
            }
        }
        // What NANP can match at all: ten digits, or eleven after a leading 1. Most digit runs fail here, not in a regex.
        boolean nanpLength = digits == 10 || digits == 11 && firstDigit == '1';
        String trimmed = plain.toString().strip();
        // An Italian mobile number written nationally: 3 and nine more digits, in groups (a bare run is an order number
        // as often as a phone), and not the start of a longer run of groups.
        boolean italianMobile = whole && firstDigit == '3' && digits == 10 && trimmed.length() > digits;
        boolean international = trimmed.startsWith("+") || trimmed.startsWith("00");
        try {
            if (international) {
                String plus = trimmed.startsWith("00") ? "+" + trimmed.substring(2) : trimmed;
                PhoneNumber number = direct(plus);
                if (number == null) {
                    number = PHONES.parse(plus, "ZZ");
                }
                return PHONES.isValidNumber(number) ? e164(number) : null;
            }
            for (int r = 0; r < regions.size(); r++) {
                String region = regions.get(r);
                if (northAmerica[r] ? !nanpLength || !NANP.matcher(trimmed).matches() : firstDigit != '0') {
                    continue;
                }
                PhoneNumber number = PHONES.parse(trimmed, region);
                if (PHONES.isValidNumberForRegion(number, region)) {
                    return e164(number);
                }
            }
            // Last, as it looks like a North American number when written 3-3-4: only what no region's rules found.
            if (italy && italianMobile) {
                PhoneNumber number = PHONES.parse(trimmed, "IT");
                if (PHONES.isValidNumberForRegion(number, "IT")) {
                    return e164(number);
                }
            }
        } catch (NumberParseException notAPhoneNumber) {
            return null;
        }
        return null;
    }

    /**
     * The number that libphonenumber's {@code parse} makes of an international number written with digits, spaces,
     * dots, hyphens and slashes only, without its regular expressions, which cost microseconds per call; null where
     * parsing could do more than split off the country code (brackets, a national part that begins with a trunk
     * prefix or a zero, a region that rewrites numbers). A duel test holds it to {@code parse}.
     */
    static PhoneNumber direct(String international) {
        StringBuilder digits = new StringBuilder(international.length());
        for (int i = 1; i < international.length(); i++) {
            char c = international.charAt(i);
            if (Chars.digit(c)) {
                digits.append(c);
            } else if (c != ' ' && c != '.' && c != '-' && c != '/') {
                return null;
            }
        }
        for (int length = 1; length <= 3 && length < digits.length(); length++) {
            int countryCode = Integer.parseInt(digits, 0, length, 10);
            String region = PHONES.getRegionCodeForCountryCode(countryCode);
            if (region.equals(PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY) || region.equals("ZZ")) {
                continue;
            }
            int national = digits.length() - length;
            String trunk = PHONES.getNddPrefixForRegion(region, true);
            if (national < 4 || national > 17 || digits.charAt(length) == '0' || !DIRECT_REGIONS.contains(region)
                    || (trunk != null && !trunk.isEmpty() && digits.indexOf(trunk, length) == length)) {
                return null;
            }
            return new PhoneNumber().setCountryCode(countryCode).setNationalNumber(Long.parseLong(digits, length, digits.length(), 10));
        }
        return null;
    }

    private static String e164(PhoneNumber number) {
        return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    }
}

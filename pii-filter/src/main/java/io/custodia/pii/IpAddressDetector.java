package io.custodia.pii;

import java.util.Locale;

/**
 * IPv4 and IPv6 addresses; by default only public (global unicast) ones, since private and documentation addresses
 * identify nobody. Dotted quads right after "version", "v" or similar are version strings, not addresses.
 */
final class IpAddressDetector implements Detector {

    private static final int MAX = 45 + 1;
    private static final int BEHIND = 9;
    private static final String[] VERSION_WORDS = {"version", "release", "build", "ver", "v"};

    private final boolean publicOnly;

    IpAddressDetector(boolean publicOnly) {
        this.publicOnly = publicOnly;
    }

    @Override
    public PiiType type() {
        return PiiType.IP_ADDRESS;
    }

    /**
     * A public address starts with a digit or a colon: IPv4 always, and IPv6 global unicast (2000::/3) begins with 2 or
     * 3 however its first group is written, as do its mapped and NAT64 forms. Only other addresses start with a letter
     * ("fe80::1").
     */
    @Override
    public boolean canStartWith(char c) {
        return Chars.digit(c) || c == ':' || !publicOnly && Chars.hex(c);
    }

    /** The first group of any address is followed by a dot (IPv4) or a colon (IPv6), or is empty ("::1"). */
    @Override
    public boolean mayMatch(CharSequence text, int start, int wordEnd, int end) {
        if (continuesAnother(Chars.at(text, start - 1, end))) {
            return false;
        }
        if (wordEnd == start) {
            return text.charAt(start) == ':';
        }
        if (wordEnd >= end || wordEnd - start > 4) {
            return false;
        }
        char next = text.charAt(wordEnd);
        return next == ':' || (next == '.' && Chars.digit(text.charAt(start)));
    }

    /** Whether a start after {@code prev} is inside a word or a later group of a dotted or colon-separated run. */
    private static boolean continuesAnother(char prev) {
        return Chars.wordChar(prev) || prev == '.' || prev == ':';
    }

    /** The first group of an IPv4 address goes on with a dot and a digit, that of an IPv6 address with a colon. */
    @Override
    public boolean mayStartAtNumber(char next, char afterNext) {
        return next == ':' || next == '.' && Chars.digit(afterNext);
    }

    /** Letters can only be an IPv6 group ("fe80:"), which no public address starts with. */
    @Override
    public boolean mayStartAtLetters(char next) {
        return !publicOnly && next == ':';
    }

    /** After the colon, another group or the second colon of "::": "Note: the" and "https://" start none. */
    @Override
    public boolean mayStartAtLetters(char next, char afterNext) {
        return mayStartAtLetters(next) && (Chars.hex(afterNext) || afterNext == ':');
    }

    @Override
    public int maxLength() {
        return MAX;
    }

    @Override
    public int lookBehind() {
        return BEHIND + 3;
    }

    @Override
    public Span match(CharSequence text, int start, int end) {
        if (continuesAnother(Chars.at(text, start - 1, end))) {
            return null;
        }
        Span v4 = Chars.digit(text.charAt(start)) ? v4(text, start, end) : null;
        return v4 != null ? v4 : v6(text, start, end);
    }

    private Span v4(CharSequence text, int start, int end) {
        int bound = Math.min(end, start + MAX + 1);
        int[] octets = new int[4];
        int i = start;
        for (int k = 0; k < 4; k++) {
            if (k > 0) {
                if (i >= bound || text.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
            int digits = 0;
            int value = 0;
            while (i < bound && Chars.digit(text.charAt(i)) && digits < 4) {
                value = value * 10 + text.charAt(i) - '0';
                digits++;
                i++;
            }
            if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && text.charAt(i - digits) == '0')) {
                return null;
            }
            octets[k] = value;
        }
        char next = Chars.at(text, i, end);
        char after = Chars.at(text, i + 1, end);
        // "1.2.3.4.5" and "1.2.3.4:abc" are something else; "1.2.3.4:443" is an address with its port.
        if (Chars.wordChar(next) || (next == '.' && Chars.alnum(after)) || (next == ':' && Chars.letter(after))) {
            return null;
        }
        if (afterVersionWord(text, start) || (publicOnly && !publicV4(octets))) {
            return null;
        }
        return new Span(start, i, PiiType.IP_ADDRESS, octets[0] + "." + octets[1] + "." + octets[2] + "." + octets[3]);
    }

    private static boolean afterVersionWord(CharSequence text, int start) {
        int i = start - 1;
        while (i >= 0 && start - i <= 2 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i--;
        }
        int wordEnd = i + 1;
        while (i >= 0 && start - i <= BEHIND && Chars.letter(text.charAt(i))) {
            i--;
        }
        if (i >= 0 && Chars.wordChar(text.charAt(i))) {
            return false;
        }
        String word = text.subSequence(i + 1, wordEnd).toString().toLowerCase(Locale.ROOT);
        for (String w : VERSION_WORDS) {
            if (word.equals(w)) {
                return true;
            }
        }
        return false;
    }

    static boolean publicV4(int[] o) {
        return !(o[0] == 0 || o[0] == 10 || o[0] == 127 || o[0] >= 224
                || (o[0] == 100 && o[1] >= 64 && o[1] <= 127)
                || (o[0] == 169 && o[1] == 254)
                || (o[0] == 172 && o[1] >= 16 && o[1] <= 31)
                || (o[0] == 192 && o[1] == 168)
                || (o[0] == 192 && o[1] == 0 && (o[2] == 0 || o[2] == 2))
                || (o[0] == 198 && (o[1] == 18 || o[1] == 19))
                || (o[0] == 198 && o[1] == 51 && o[2] == 100)
                || (o[0] == 203 && o[1] == 0 && o[2] == 113));
    }

    /**
     * Global unicast outside the documentation range, or an IPv4 address carried in IPv6 (mapped, ::ffff:0:0/96, or
     * NAT64, 64:ff9b::/96) that is public itself: "::ffff:8.8.8.8" names the same host as "8.8.8.8".
     */
    static boolean publicV6(int[] groups) {
        boolean mapped = groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0 && groups[5] == 0xffff;
        boolean nat64 = groups[0] == 0x64 && groups[1] == 0xff9b && groups[2] == 0 && groups[3] == 0 && groups[4] == 0 && groups[5] == 0;
        if (mapped || nat64) {
            return publicV4(new int[] {groups[6] >>> 8, groups[6] & 0xff, groups[7] >>> 8, groups[7] & 0xff});
        }
        return (groups[0] & 0xe000) == 0x2000 && !(groups[0] == 0x2001 && groups[1] == 0x0db8);
    }

    private Span v6(CharSequence text, int start, int end) {
        int bound = Math.min(end, start + MAX + 1);
        int i = start;
        int colons = 0;
        while (i < bound && (Chars.hex(text.charAt(i)) || text.charAt(i) == ':' || text.charAt(i) == '.')) {
            if (text.charAt(i) == ':') {
                colons++;
            }
            i++;
        }
        if (i == bound && bound < end) {
            return null;
        }
        // A trailing dot or single colon is punctuation, not part of the address.
        while (i > start && (text.charAt(i - 1) == '.' || (text.charAt(i - 1) == ':' && Chars.at(text, i - 2, end) != ':'))) {
            i--;
        }
        if (colons < 2 || (i < end && Chars.wordChar(text.charAt(i)))) {
            return null;
        }
        int[] groups = Ipv6.parse(text.subSequence(start, i).toString());
        if (groups == null) {
            return null;
        }
        if (publicOnly && !publicV6(groups)) {
            return null;
        }
        return new Span(start, i, PiiType.IP_ADDRESS, text.subSequence(start, i).toString().toLowerCase(Locale.ROOT));
    }
}

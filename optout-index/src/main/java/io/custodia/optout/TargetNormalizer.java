package io.custodia.optout;

import com.google.common.net.InternetDomainName;
import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads opt-out targets into canonical form, using Guava's copy of the Public Suffix List so that a public
 * suffix such as {@code co.uk} or {@code github.io} can never be opted out as a whole. Reasons never repeat the input,
 * which may be personal.
 */
public final class TargetNormalizer {

    private static final int MAX_LENGTH = 2048;

    public TargetParse parse(Scope scope, String raw) {
        if (raw == null || raw.isBlank()) {
            return new TargetParse.Invalid("target is empty");
        }
        if (raw.length() > MAX_LENGTH) {
            return new TargetParse.Invalid("target is longer than " + MAX_LENGTH + " characters");
        }
        return switch (scope) {
            case DOMAIN -> domain(raw.strip());
            case URL, URL_PREFIX -> url(scope, raw.strip());
        };
    }

    private static TargetParse domain(String raw) {
        String host = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
        return asciiHost(host)
                .<TargetParse>map(ascii -> new TargetParse.Valid(new OptOutTarget(Scope.DOMAIN, ascii, ascii)))
                .orElseGet(() -> new TargetParse.Invalid(
                        "not a domain beneath a public suffix (e.g. example.org)"));
    }

    static Optional<String> asciiHost(String host) {
        host = percentDecodedHost(host);
        if (host == null) {
            return Optional.empty();
        }
        String ascii;
        if (letterDigitHyphen(host)) {
            // What IDNA would return unchanged (after lower-casing); whatever it would refuse, Guava refuses below.
            ascii = host.toLowerCase(Locale.ROOT);
        } else {
            try {
                ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException notAHostName) {
                return Optional.empty();
            }
        }
        InternetDomainName name;
        try {
            name = InternetDomainName.from(ascii);
        } catch (IllegalArgumentException notADomainName) {
            return Optional.empty();
        }
        return name.isUnderPublicSuffix() ? Optional.of(ascii) : Optional.empty();
    }

    /** ASCII letters, digits, hyphens and dots only: most hosts, which IDNA leaves as they are. */
    private static boolean letterDigitHyphen(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static TargetParse url(Scope scope, String raw) {
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            return new TargetParse.Invalid("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return new TargetParse.Invalid("a URL target must start with http:// or https://");
        }
        if (uri.getRawUserInfo() != null) {
            return new TargetParse.Invalid("a URL target must not carry user information");
        }
        String rawHost = uri.getHost();
        int port = uri.getPort();
        if (rawHost == null) {
            // URI leaves IDN hosts unparsed, port included; read both from the authority instead.
            String authority = uri.getRawAuthority();
            var hostAndPort = authority == null ? null : java.util.regex.Pattern.compile("(.*?)(?::(\\d{0,5}))?").matcher(authority);
            if (hostAndPort != null && hostAndPort.matches()) {
                rawHost = hostAndPort.group(1);
                port = hostAndPort.group(2) == null || hostAndPort.group(2).isEmpty() ? -1 : Integer.parseInt(hostAndPort.group(2));
            }
        }
        if (rawHost == null) {
            return new TargetParse.Invalid("a URL target needs a host");
        }
        var host = asciiHost(rawHost);
        if (host.isEmpty()) {
            return new TargetParse.Invalid("the host is not beneath a public suffix");
        }
        if (port > 65535) {
            return new TargetParse.Invalid("the port is out of range");
        }
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = removeDotSegments(normalizePercentEncoding(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()));
        String query = uri.getRawQuery() == null ? "" : "?" + normalizePercentEncoding(uri.getRawQuery());
        String value = scheme + "://" + host.get() + (defaultPort ? "" : ":" + port) + path + query;
        return new TargetParse.Valid(new OptOutTarget(scope, value, host.get()));
    }

    /**
     * An absolute path without its "." and ".." segments (RFC 3986, section 5.2.4), as a browser or crawler resolves
     * it: "/public/../private/a" is "/private/a", so a rule on "/private/" covers it. Escapes must be normalized first,
     * so that "%2E%2E" is a ".." segment too.
     */
    public static String removeDotSegments(String path) {
        if (!path.contains("/.")) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        int i = 0;
        while (i < path.length()) {
            int next = path.indexOf('/', i + 1);
            int end = next < 0 ? path.length() : next;
            String segment = path.substring(i, end);
            if (segment.equals("/.")) {
                if (next < 0) {
                    out.append('/');
                }
            } else if (segment.equals("/..")) {
                int last = out.lastIndexOf("/");
                out.setLength(Math.max(0, last));
                if (next < 0) {
                    out.append('/');
                }
            } else {
                out.append(segment);
            }
            i = end;
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    /**
     * The host with its percent-escapes decoded as UTF-8, as the WHATWG URL standard and browsers read a host
     * ({@code ex%61mple.org} is example.org); null when an escape is cut short or the bytes are not UTF-8. What the
     * escapes spell is then checked like any host: an escaped "/" or space is no more a host char than a plain one.
     */
    public static String percentDecodedHost(String host) {
        if (host.indexOf('%') < 0) {
            return host;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(host.length());
        int plain = 0;
        for (int i = 0; i < host.length(); i++) {
            if (host.charAt(i) != '%') {
                continue;
            }
            if (i + 2 >= host.length() || !isHex(host.charAt(i + 1)) || !isHex(host.charAt(i + 2))) {
                return null;
            }
            bytes.writeBytes(host.substring(plain, i).getBytes(StandardCharsets.UTF_8));
            bytes.write(Integer.parseInt(host, i + 1, i + 3, 16));
            i += 2;
            plain = i + 1;
        }
        bytes.writeBytes(host.substring(plain).getBytes(StandardCharsets.UTF_8));
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }

    /** Upper-cases percent-escapes and decodes those of unreserved characters (RFC 3986, section 6.2.2). */
    static String normalizePercentEncoding(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                int value = Integer.parseInt(s.substring(i + 1, i + 3), 16);
                if (isUnreserved((char) value)) {
                    out.append((char) value);
                } else {
                    out.append('%').append(s.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}

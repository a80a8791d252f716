package io.custodia.optout.index;

import io.custodia.optout.TargetNormalizer;
import java.net.IDN;
import java.util.Locale;

/**
 * A document's URL as the rules see it: lower-case host without a default port or user information, then path and
 * query with percent-escapes normalized (RFC 3986, section 6.2.2), non-ASCII chars escaped as UTF-8 and, for documents,
 * dot segments resolved; scheme and fragment dropped, because http and https of one page are the same content. Meant
 * for millions of calls: it parses by hand and allocates little; a duel test holds it to the request portal's
 * {@code TargetNormalizer}.
 */
record DocumentUrl(String host, String path) {

    /**
     * A document's URL as it resolves: host and path of an absolute http(s) URL, user information left out, "." and ".."
     * segments removed, backslashes before the query read as slashes; null when it is not one.
     */
    static DocumentUrl parse(String url) {
        return parse(url, true);
    }

    /**
     * A rule's URL or prefix, its path as written: rules from requests are resolved when they are normalized, and
     * robots.txt and TDMRep paths are patterns, where "/." is a prefix, not a segment.
     */
    static DocumentUrl parseRule(String value) {
        return parse(value, false);
    }

    private static DocumentUrl parse(String url, boolean resolve) {
        if (url == null) {
            return null;
        }
        // Spaces and controls around a URL are not part of it, as browsers read it (WHATWG URL, basic URL parser).
        url = url.trim();
        if (resolve && (url.indexOf('\t') >= 0 || url.indexOf('\n') >= 0 || url.indexOf('\r') >= 0)) {
            // Browsers drop tabs and line breaks anywhere in a URL (WHATWG URL, basic URL parser).
            url = url.replace("\t", "").replace("\n", "").replace("\r", "");
        }
        if (resolve && url.indexOf('\\') >= 0) {
            url = slashes(url);
        }
        int colon = url.indexOf("://");
        if (colon < 4 || colon > 5) {
            return null;
        }
        String scheme = url.substring(0, colon);
        boolean https = scheme.equalsIgnoreCase("https");
        if (!https && !scheme.equalsIgnoreCase("http")) {
            return null;
        }
        int hostStart = colon + 3;
        int hostEnd = hostStart;
        while (hostEnd < url.length() && "/?#".indexOf(url.charAt(hostEnd)) < 0) {
            hostEnd++;
        }
        // User information names no other host: "https://user:pw@example.org/" is content of example.org.
        int at = url.lastIndexOf('@', hostEnd - 1);
        String authority = url.substring(at < hostStart ? hostStart : at + 1, hostEnd);
        if (authority.isEmpty()) {
            return null;
        }
        String host = authority;
        String port = "";
        int portColon = authority.lastIndexOf(':');
        if (portColon >= 0 && authority.indexOf(']') < portColon) {
            String digits = authority.substring(portColon + 1);
            host = authority.substring(0, portColon);
            if (!digits.isEmpty()) {
                int number = port(digits);
                if (number < 0) {
                    return null;
                }
                port = number == (https ? 443 : 80) ? "" : ":" + number;
            }
        }
        if (host.indexOf('%') >= 0) {
            host = TargetNormalizer.percentDecodedHost(host);
            if (host == null || !host.chars().allMatch(DocumentUrl::hostChar)) {
                return null;
            }
        }
        // A fully qualified host's final dot names the same host, port or not.
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return null;
        }
        host = asciiLower(host + port);
        if (host == null) {
            return null;
        }
        return new DocumentUrl(host, resolve ? pathOf(url, hostEnd) : literalPathOf(url, hostEnd));
    }

    /**
     * The normalized path and query of an absolute URL whose authority ends at {@code hostEnd}; no fragment, no "." or
     * ".." segments in the path.
     */
    static String pathOf(String url, int hostEnd) {
        String normalized = literalPathOf(url, hostEnd);
        int query = normalized.indexOf('?');
        return query < 0 ? TargetNormalizer.removeDotSegments(normalized)
                : TargetNormalizer.removeDotSegments(normalized.substring(0, query)) + normalized.substring(query);
    }

    /** {@link #pathOf} with "." and ".." segments kept as written. */
    private static String literalPathOf(String url, int hostEnd) {
        int fragment = url.indexOf('#', hostEnd);
        String rest = url.substring(hostEnd, fragment < 0 ? url.length() : fragment);
        if (rest.isEmpty() || rest.charAt(0) == '?') {
            rest = "/" + rest;
        }
        return normalizePath(rest);
    }

    /**
     * A page's path and query as URL rules compare them: a final slash after a path segment, and an empty query, name
     * the same page without them ({@code /post/1/} and {@code /post/1?} are {@code /post/1}), as one asking to remove
     * a page means it; a query with anything in it stays part of the page.
     */
    static String pagePath(String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        int pathEnd = query < 0 ? pathAndQuery.length() : query;
        boolean emptyQuery = query == pathAndQuery.length() - 1;
        boolean finalSlash = pathEnd > 1 && pathAndQuery.charAt(pathEnd - 1) == '/';
        if (!emptyQuery && !finalSlash) {
            return pathAndQuery;
        }
        String path = pathAndQuery.substring(0, finalSlash ? pathEnd - 1 : pathEnd);
        return emptyQuery || query < 0 ? path : path + pathAndQuery.substring(query);
    }

    /** The key of a URL rule: host and path, as {@link #parse} gives them for the same URL. */
    String key() {
        return host + path;
    }

    private static String asciiLower(String host) {
        boolean ascii = true;
        boolean lower = true;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            ascii &= c < 128;
            lower &= !(c >= 'A' && c <= 'Z');
        }
        if (ascii) {
            return lower ? host : host.toLowerCase(Locale.ROOT);
        }
        try {
            return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Backslashes before the query as slashes, as browsers read http(s) URLs: {@code https://example.org\\a} is
     * {@code https://example.org/a}. In the query and fragment a backslash stays what it is.
     */
    private static String slashes(String url) {
        int query = url.indexOf('?');
        int fragment = url.indexOf('#');
        int end = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
        end = end < 0 ? url.length() : end;
        return url.substring(0, end).replace('\\', '/') + url.substring(end);
    }

    /** A port's number, leading zeros allowed; -1 when it is not digits or is past 65535. */
    private static int port(String digits) {
        int number = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
            if (number > 65535) {
                return -1;
            }
        }
        return number;
    }

    /**
     * Whether a char decoded from a percent-escape may stand in a host: not a control, space or one of the chars the
     * WHATWG URL standard forbids in domains, which would otherwise end the host or hide another.
     */
    private static boolean hostChar(int c) {
        return c > ' ' && c != 127 && "#%/:<>?@[\\]^|".indexOf(c) < 0;
    }

    /**
     * Escapes non-ASCII chars, spaces and controls as UTF-8, drops tabs and line breaks; upper-cases escapes and decodes
     * those of unreserved chars.
     */
    static String normalizePath(String path) {
        boolean plain = true;
        for (int i = 0; i < path.length() && plain; i++) {
            char c = path.charAt(i);
            plain = c > ' ' && c < 127 && c != '%';
        }
        if (plain) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length() + 16);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && hex(path.charAt(i + 1)) && hex(path.charAt(i + 2))) {
                int value = Character.digit(path.charAt(i + 1), 16) * 16 + Character.digit(path.charAt(i + 2), 16);
                if (unreserved(value)) {
                    out.append((char) value);
                } else {
                    out.append('%').append(Character.toUpperCase(path.charAt(i + 1))).append(Character.toUpperCase(path.charAt(i + 2)));
                }
                i += 2;
            } else if (c == '\t' || c == '\n' || c == '\r') {
                // Dropped, as browsers drop them, not escaped: a path with a line break in it is the path without.
                continue;
            } else if (c <= ' ' || c >= 127) {
                int end = Character.isHighSurrogate(c) && i + 1 < path.length() ? i + 2 : i + 1;
                for (byte b : path.substring(i, end).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean hex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static boolean unreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    }
}

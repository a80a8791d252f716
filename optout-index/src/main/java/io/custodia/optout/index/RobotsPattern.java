package io.custodia.optout.index;

/**
 * robots.txt path patterns (RFC 9309, section 2.2.3), which TDMRep reuses: the pattern matches a path that starts with
 * it, {@code *} stands for any run of chars and a final {@code $} for the end of the path. Case-sensitive.
 */
final class RobotsPattern {

    private RobotsPattern() {}

    /**
     * The classic wildcard match, which only ever returns to the latest star: linear for patterns without stars and
     * at most length × length for any other, so no pattern can make a check explode.
     */
    static boolean matches(String pattern, String path) {
        boolean anchored = pattern.endsWith("$");
        int end = anchored ? pattern.length() - 1 : pattern.length();
        int p = 0;
        int s = 0;
        int star = -1;
        int mark = 0;
        while (s < path.length()) {
            if (p < end && pattern.charAt(p) == '*') {
                star = p++;
                mark = s;
            } else if (p < end && pattern.charAt(p) == path.charAt(s)) {
                p++;
                s++;
            } else if (p == end && !anchored) {
                return true;
            } else if (star >= 0) {
                p = star + 1;
                s = ++mark;
            } else {
                return false;
            }
        }
        while (p < end && pattern.charAt(p) == '*') {
            p++;
        }
        return p == end;
    }
}

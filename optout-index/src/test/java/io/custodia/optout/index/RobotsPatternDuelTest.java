package io.custodia.optout.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.optout.Seeds;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The wildcard matcher against the RFC 9309 definition written as a regular expression, on random patterns and paths. */
class RobotsPatternDuelTest {

    @Test
    void agreesWithTheRegularExpressionOfThePattern() {
        Random random = new Random(Seeds.seed("robots-pattern"));
        for (int n = 0; n < 200_000; n++) {
            String pattern = random(random, "/ab*$", 1 + random.nextInt(8));
            String path = random(random, "/ab$", random.nextInt(10));
            assertThat(RobotsPattern.matches(pattern, path)).as("%s ~ %s", pattern, path).isEqualTo(naive(pattern, path));
        }
    }

    @Test
    void endAnchorsBackUpPastEarlierMatches() {
        assertThat(RobotsPattern.matches("/a*x$", "/a/xx")).isTrue();
        assertThat(RobotsPattern.matches("/a*x$", "/a/xy")).isFalse();
        assertThat(RobotsPattern.matches("/*.pdf$", "/docs/a.pdf")).isTrue();
        assertThat(RobotsPattern.matches("/*.pdf$", "/docs/a.pdf?x=1")).isFalse();
        assertThat(RobotsPattern.matches("/fish", "/fish.html")).isTrue();
        assertThat(RobotsPattern.matches("/fish", "/Fish.html")).isFalse();
    }

    /** Literal text, {@code *} as {@code .*}, a final {@code $} as the end; otherwise a prefix. */
    private static boolean naive(String pattern, String path) {
        boolean anchored = pattern.endsWith("$");
        String body = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        StringBuilder regex = new StringBuilder();
        for (char c : body.toCharArray()) {
            regex.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
        }
        var matcher = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(path);
        return anchored ? matcher.matches() : matcher.lookingAt();
    }

    private static String random(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}

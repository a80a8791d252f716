package io.custodia.optout;

/**
 * Seeds for randomized tests: {@code -Dtests.seed=N} replays a failure; otherwise a fresh seed is drawn and printed,
 * as Lucene's test framework does.
 */
public final class Seeds {

    private Seeds() {}

    public static long seed(String test) {
        String fixed = System.getProperty("tests.seed");
        long seed = fixed != null ? Long.parseLong(fixed) : System.nanoTime() ^ test.hashCode();
        System.out.println(test + ": tests.seed=" + seed);
        return seed;
    }
}

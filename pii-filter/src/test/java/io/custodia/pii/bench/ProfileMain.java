package io.custodia.pii.bench;

import io.custodia.pii.PiiFilter;
import java.util.List;
import java.util.Random;

/**
 * Runs the filter over 10 MB of generated text for a while, for a profiler to watch. Arguments: seconds, then
 * {@code full} for the detectors plus a 1,000,000-entry bundle, or {@code detectors} (the default) for detectors alone.
 */
public final class ProfileMain {

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 20;
        boolean full = args.length > 1 && args[1].equals("full");
        String[] lastNames = FilterBenchmark.lastNames(new Random(FilterBenchmark.SEED), 40_000);
        List<String> corpus = FilterBenchmark.corpus(lastNames, 10, FilterBenchmark.ONE_PERCENT_PII);
        PiiFilter filter = full ? FilterBenchmark.fullFilter(lastNames, 1_000_000) : PiiFilter.standard();
        long start = System.nanoTime();
        long until = start + seconds * 1_000_000_000L;
        long chars = 0;
        int passes = 0;
        while (System.nanoTime() < until) {
            chars += FilterBenchmark.redactAll(filter, corpus);
            passes++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d passes over 10 MB in %.1f s: %.1f MB/s (%d chars out)%n", passes, elapsed, passes * 10 / elapsed, chars);
    }
}

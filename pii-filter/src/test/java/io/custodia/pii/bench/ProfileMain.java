package io.custodia.pii.bench;

import io.custodia.pii.PiiFilter;
import java.util.List;
import java.util.Random;

/** Runs the detectors over generated text for a while, for a profiler to watch. Argument: seconds. */
public final class ProfileMain {

    public static void main(String[] args) {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 20;
        List<String> corpus = FilterBenchmark.corpus(FilterBenchmark.lastNames(new Random(FilterBenchmark.SEED), 40_000), 10);
        PiiFilter filter = PiiFilter.standard();
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        long chars = 0;
        while (System.nanoTime() < until) {
            for (String document : corpus) {
                chars += ((PiiFilter.Outcome.Redacted) filter.redact(document)).text().length();
            }
        }
        System.out.println(chars);
    }
}

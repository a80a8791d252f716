package io.custodia.pii.bench;

import io.custodia.pii.Bundle;
import io.custodia.pii.BundleBuilder;
import io.custodia.pii.IdentifierKind;
import io.custodia.pii.PiiFilter;
import io.custodia.pii.Span;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link FilterBenchmark} and reports what the goals are stated in: MB/s per core of the full filter, µs per
 * streamed token, and the load time and heap of a 1,000,000-entry bundle; the full filter also over a corpus with four
 * times the personal data, and with a fixed 3 GB heap. Arguments: [megabytes] [bundle entries]
 * [quick] (one short iteration each, to check the harness, not to measure).
 */
public final class BenchmarkMain {

    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int entries = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;

        bundleLoad(entries);

        String[] lastNames = FilterBenchmark.lastNames(new Random(FilterBenchmark.SEED), 40_000);
        PiiFilter measuring = FilterBenchmark.fullFilter(lastNames, entries);
        long denseBytes = describe("dense corpus", FilterBenchmark.corpus(lastNames, megabytes, FilterBenchmark.DENSE_PII), measuring);
        List<String> corpus = FilterBenchmark.corpus(lastNames, megabytes, FilterBenchmark.ONE_PERCENT_PII);
        long bytes = describe("corpus", corpus, measuring);
        measuring = null;
        StringBuilder first = new StringBuilder();
        for (String d : corpus) {
            if (first.length() >= 1_000_000) {
                break;
            }
            first.append(d);
        }
        corpus = null;
        long tokens = (first.length() + 3) / 4;
        System.out.printf("streamed: %d chars = %d tokens of 4 chars%n", first.length(), tokens);

        var options = options(megabytes, entries, args).include(FilterBenchmark.class.getName())
                .param("piiPerThousandWords", Integer.toString(FilterBenchmark.ONE_PERCENT_PII)).build();
        var denseOptions = options(megabytes, entries, args).include(FilterBenchmark.class.getName() + ".fullFilter$")
                .param("piiPerThousandWords", Integer.toString(FilterBenchmark.DENSE_PII)).build();
        double full = 0;
        Statistics fullIterations = null;
        double detectors = 0;
        double stream = 0;
        double batch = 0;
        double floor = 0;
        double branchFree = 0;
        for (RunResult result : new Runner(options).run()) {
            String name = result.getParams().getBenchmark();
            double ms = result.getPrimaryResult().getScore();
            if (name.endsWith("fullFilter")) {
                full = ms;
                fullIterations = result.getPrimaryResult().getStatistics();
            } else if (name.endsWith("detectorsOnly")) {
                detectors = ms;
            } else if (name.endsWith("streamingTokens")) {
                stream = ms;
            } else if (name.endsWith("batchSameText")) {
                batch = ms;
            } else if (name.endsWith("wordStartsOnly")) {
                floor = ms;
            } else if (name.endsWith("wordStartsBranchFree")) {
                branchFree = ms;
            }
        }
        double dense = new Runner(denseOptions).runSingle().getPrimaryResult().getScore();
        var fixedHeapOptions = options(megabytes, entries, args).include(FilterBenchmark.class.getName() + ".fullFilter$")
                .param("piiPerThousandWords", Integer.toString(FilterBenchmark.ONE_PERCENT_PII)).jvmArgsAppend("-Xms3g", "-Xmx3g").build();
        double fixedHeap = new Runner(fixedHeapOptions).runSingle().getPrimaryResult().getScore();
        System.out.printf("full filter (detectors + %d-entry bundle): %.1f MB/s per core%n", entries, bytes / 1e6 / (full / 1000));
        // This machine's cores are shared: stretches of tens of seconds run up to 1.4 times as long, with no compilation or
        // collection in the JVM at the time. The median iteration is the steady speed; the mean counts such stretches in.
        System.out.printf("  its iterations: median %.1f MB/s, from %.1f to %.1f MB/s (%d iterations)%n",
                bytes / 1e6 / (fullIterations.getPercentile(50) / 1000), bytes / 1e6 / (fullIterations.getMax() / 1000),
                bytes / 1e6 / (fullIterations.getMin() / 1000), fullIterations.getN());
        System.out.printf("full filter with a fixed 3 GB heap (-Xms3g -Xmx3g): %.1f MB/s per core (%.2f times as long)%n",
                bytes / 1e6 / (fixedHeap / 1000), fixedHeap / full);
        System.out.printf("full filter over the dense corpus: %.1f MB/s per core (%.2f times as long per byte)%n",
                denseBytes / 1e6 / (dense / 1000), dense / denseBytes / (full / bytes));
        System.out.printf("detectors only: %.1f MB/s per core (full filter / detectors = %.2f of the time)%n",
                bytes / 1e6 / (detectors / 1000), full / detectors);
        System.out.printf("floor (finding word starts, nothing else): %.1f MB/s per core; the full filter takes %.2f times as long%n",
                bytes / 1e6 / (floor / 1000), full / floor);
        System.out.printf("the same without a branch per word: %.1f MB/s per core (%.2f times as fast as with one)%n",
                bytes / 1e6 / (branchFree / 1000), floor / branchFree);
        System.out.printf("streaming: %.3f µs per 4-char token in all, %.3f µs per token over batch (stream/batch = %.2f)%n",
                stream * 1000 / tokens, (stream - batch) * 1000 / tokens, stream / batch);
    }

    private static ChainedOptionsBuilder options(int megabytes, int entries, String[] args) {
        var builder = new OptionsBuilder()
                .param("megabytes", Integer.toString(megabytes))
                .param("bundleEntries", Integer.toString(entries));
        if (args.length > 2 && args[2].startsWith("quick")) {
            builder.warmupIterations(1).warmupTime(TimeValue.seconds(2)).measurementIterations(1).measurementTime(TimeValue.seconds(2));
        }
        if (args.length > 2 && args[2].equals("quick-profile")) {
            builder.addProfiler(org.openjdk.jmh.profile.StackProfiler.class, "lines=12;top=12;detailLine=true");
        }
        return builder;
    }

    /** Prints the corpus's size and the share of its chars that the filter finds personal; returns its UTF-8 bytes. */
    private static long describe(String name, List<String> corpus, PiiFilter filter) {
        long bytes = 0;
        long chars = 0;
        long personal = 0;
        long values = 0;
        for (String document : corpus) {
            bytes += document.getBytes(StandardCharsets.UTF_8).length;
            chars += document.length();
            for (Span span : filter.scan(document)) {
                personal += span.end() - span.start();
                values++;
            }
        }
        System.out.printf("%s: %d documents, %.1f MB UTF-8, %d personal values in %.2f%% of its chars%n",
                name, corpus.size(), bytes / 1e6, values, 100.0 * personal / chars);
        return bytes;
    }

    private static void bundleLoad(int entries) throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String[] lastNames = FilterBenchmark.lastNames(new Random(FilterBenchmark.SEED), 40_000);
        long t0 = System.nanoTime();
        BundleBuilder builder = new BundleBuilder("CH", new byte[16]);
        for (int i = 0; builder.size() < entries; i++) {
            builder.add(IdentifierKind.NAME, WebText.FIRST[i % WebText.FIRST.length] + " " + lastNames[(i / WebText.FIRST.length) % lastNames.length]
                    + (i >= 30 * 40_000 ? " " + lastNames[i % 997] : ""));
        }
        Instant now = Instant.now();
        byte[] bytes = builder.build(new BundleBuilder.Release("bench", now, now.plus(Duration.ofDays(1)), "bench"), keys.getPrivate());
        long built = System.nanoTime() - t0;
        long[] loads = new long[5];
        Bundle kept = null;
        for (int i = 0; i < loads.length; i++) {
            kept = null;
            long heapBefore = usedHeap();
            long start = System.nanoTime();
            kept = ((Bundle.Loading.Loaded) Bundle.load(bytes, keys.getPublic(), Clock.systemUTC())).bundle();
            loads[i] = System.nanoTime() - start;
            if (i == loads.length - 1) {
                long heapAfter = usedHeap();
                System.out.printf("bundle: %d entries, %.1f MB file, built and signed in %.1f s, heap held after load %.1f MB%n",
                        kept.size(), bytes.length / 1e6, built / 1e9, (heapAfter - heapBefore) / 1e6);
            }
        }
        Arrays.sort(loads);
        System.out.printf("bundle load (signature check, parse, index): median %.0f ms of %d%n", loads[loads.length / 2] / 1e6, loads.length);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}

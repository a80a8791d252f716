package io.custodia.optout.bench;

import io.custodia.optout.RuleLines;
import io.custodia.optout.index.IndexStore;
import io.custodia.optout.index.Manifest;
import io.custodia.optout.index.Snapshot;
import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The index at the scale of the goals: generates rules (default 2,000,000 domains, 100,000 URLs, 10,000
 * protected works of about 2 KB), times a full rebuild from the rules file, weighs the index on disk and the opened
 * snapshot on the heap, then runs {@link UrlCheckBenchmark} on it. Arguments: DIR [domains urls works] [quick].
 */
public final class IndexBenchmarkMain {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int domains = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        int urls = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int works = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        boolean quick = args.length > 4 && args[4].equals("quick");
        Files.createDirectories(dir);
        Path rules = dir.resolve("rules.jsonl");
        Generated.rules(rules, domains, urls, works);
        System.out.printf("rules: %d domains, %d URLs, %d works, %.1f MB of JSONL%n", domains, urls, works, Files.size(rules) / 1e6);

        Path index = dir.resolve("index");
        IndexStore store = new IndexStore(index, Clock.systemUTC());
        for (int run = 0; run < (quick ? 1 : 3); run++) {
            long start = System.nanoTime();
            RuleLines.Read read;
            try (BufferedReader in = Files.newBufferedReader(rules, StandardCharsets.UTF_8)) {
                read = RuleLines.read(in);
            }
            long parsed = System.nanoTime();
            Manifest manifest = ((IndexStore.Building.Built) store.build(((RuleLines.Read.Rules) read).rules(), 8, 50)).manifest();
            long built = System.nanoTime();
            long size = 0;
            try (Stream<Path> files = Files.list(index.resolve(manifest.version()))) {
                for (Path file : files.toList()) {
                    size += Files.size(file);
                }
            }
            System.out.printf("rebuild %d: %.1f s (read and normalize %.1f s, index %.1f s), %d rules, index %.1f MB%n", run + 1,
                    (built - start) / 1e9, (parsed - start) / 1e9, (built - parsed) / 1e9, manifest.rules(), size / 1e6);
        }
        String version = store.latest().orElseThrow();
        System.gc();
        long before = usedHeap();
        long start = System.nanoTime();
        Snapshot snapshot = ((IndexStore.Opening.Opened) store.open(version)).snapshot();
        long opened = System.nanoTime();
        long after = usedHeap();
        System.out.printf("open (checksums, read, maps): %.1f s; snapshot heap %.0f MB; JVM heap peak so far %.0f MB%n",
                (opened - start) / 1e9, (after - before) / 1e6, peakHeap() / 1e6);
        if (snapshot.manifest().rules() < 0) {
            throw new IllegalStateException();
        }

        var options = new OptionsBuilder().include(UrlCheckBenchmark.class.getName())
                .param("index", index.toString()).param("domains", Integer.toString(domains));
        if (quick) {
            options.warmupIterations(1).measurementIterations(1);
        }
        for (RunResult result : new Runner(options.build()).run()) {
            System.out.printf("%s: %.2f million URL checks per second per core%n", result.getParams().getBenchmark(),
                    result.getPrimaryResult().getScore() / 1e6);
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }
}

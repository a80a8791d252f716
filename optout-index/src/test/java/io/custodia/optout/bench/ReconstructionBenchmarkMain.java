package io.custodia.optout.bench;

import io.custodia.optout.index.IndexStore;
import io.custodia.optout.index.Snapshot;
import io.custodia.optout.reconstruct.Reconstruction;
import io.custodia.optout.reconstruct.RunManifest;
import io.custodia.pii.PiiFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * End-to-end reconstruction on generated FineWeb-like zstd JSONL with PII redaction on, against the index that
 * {@link IndexBenchmarkMain} built in the same directory: one thread (per core), then one per core. Arguments:
 * DIR [megabytes, default 1024] [shards, default 16] [zstd level of the outputs, default 3].
 */
public final class ReconstructionBenchmarkMain {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int megabytes = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int shards = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int zstdLevel = args.length > 3 ? Integer.parseInt(args[3]) : Reconstruction.DEFAULT_ZSTD_LEVEL;
        IndexStore store = new IndexStore(dir.resolve("index"), Clock.systemUTC());
        Snapshot snapshot = ((IndexStore.Opening.Opened) store.open(store.latest().orElseThrow())).snapshot();
        Path corpus = dir.resolve("corpus-" + megabytes);
        long start = System.nanoTime();
        long bytes = Files.isDirectory(corpus) ? -1 : Generated.corpus(corpus, megabytes, shards, 2_000_000);
        long compressed = 0;
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path file : files.toList()) {
                compressed += Files.size(file);
            }
        }
        if (bytes > 0) {
            System.out.printf("corpus: %.0f MB of JSONL in %d zstd shards of %.0f MB in all, generated in %.0f s%n",
                    bytes / 1e6, shards, compressed / 1e6, (System.nanoTime() - start) / 1e9);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        for (int threads : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
            Path out = dir.resolve("out");
            delete(out);
            long began = System.nanoTime();
            var done = (Reconstruction.Outcome.Done) new Reconstruction(snapshot, PiiFilter.standard(), null, threads, zstdLevel)
                    .run(corpus, out, new Reconstruction.Progress() {
                        @Override
                        public void started(int count, long size) {}

                        @Override
                        public void finished(String shard, long size, boolean skipped) {}
                    });
            double seconds = (System.nanoTime() - began) / 1e9;
            RunManifest manifest = done.manifest();
            long input = megabytes * 1_000_000L;
            System.out.printf("%d thread(s), zstd level %d: %.1f s, %.1f MB/s of JSONL (%.1f MB/s per thread), %s%n", threads,
                    zstdLevel, seconds, input / 1e6 / seconds, input / 1e6 / seconds / threads, manifest.totals());
        }
    }

    private static void delete(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}

package io.custodia.optout.cli;

import io.custodia.optout.index.Snapshot;
import io.custodia.optout.reconstruct.Reconstruction;
import io.custodia.optout.reconstruct.RunManifest;
import io.custodia.pii.Bundle;
import io.custodia.pii.PiiFilter;
import io.custodia.pii.SigningKeys;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "reconstruct", description = "Rebuilds a corpus: drops excluded documents, redacts personal data, records what was removed.")
final class ReconstructCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOptions index;

    @Option(names = "--in", required = true, paramLabel = "DIR", description = "the shards: .jsonl, .jsonl.gz, .jsonl.zst or .parquet, in any subdirectories")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the corpus, removal records and run manifest go")
    Path out;

    @Option(names = "--pii-bundle", paramLabel = "FILE", description = "a signed PII hash bundle whose entries are redacted too")
    Path bundle;

    @Option(names = "--public-key", paramLabel = "FILE", description = "the PEM public key that signed the bundle")
    Path publicKey;

    @Option(names = "--allow-stale", description = "use a bundle past its valid-until date (default: refuse it)")
    boolean allowStale;

    @Option(names = "--no-pii", description = "leave personal data as it is (default: redact it with the standard detectors)")
    boolean noPii;

    @Option(names = "--threads", paramLabel = "N", description = "shards processed at once (default: the number of cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--zstd-level", paramLabel = "L", description = "zstd level of .jsonl.zst outputs, 1 to 19 (default: 3);"
            + " 1 writes faster and about a tenth larger; the run manifest records it")
    int zstdLevel = Reconstruction.DEFAULT_ZSTD_LEVEL;

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        if (zstdLevel < Reconstruction.MIN_ZSTD_LEVEL || zstdLevel > Reconstruction.MAX_ZSTD_LEVEL) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--zstd-level must be "
                    + Reconstruction.MIN_ZSTD_LEVEL + " to " + Reconstruction.MAX_ZSTD_LEVEL);
        }
        if (noPii && bundle != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--no-pii and --pii-bundle exclude each other");
        }
        Snapshot snapshot = index.open();
        PiiFilter filter = null;
        String bundleVersion = null;
        if (!noPii) {
            PiiFilter.Builder builder = PiiFilter.builder();
            if (bundle != null) {
                Bundle loaded = loadBundle();
                bundleVersion = loaded.header().get("bundle-version");
                builder.bundle(loaded);
            }
            filter = builder.build();
        }
        PrintWriter err = spec.commandLine().getErr();
        var outcome = new Reconstruction(snapshot, filter, bundleVersion, threads, zstdLevel).run(in, out, new Bar(err));
        return switch (outcome) {
            case Reconstruction.Outcome.Refused refused -> throw new OptoutIndexCli.BadInput(refused.reason());
            case Reconstruction.Outcome.Done done -> {
                RunManifest manifest = done.manifest();
                spec.commandLine().getOut().printf("index %s, bundle %s: %s%n", manifest.indexVersion(),
                        manifest.bundleVersion() == null ? "none" : manifest.bundleVersion(), manifest.totals());
                manifest.shards().stream().filter(s -> s.failed() != null)
                        .forEach(s -> err.println("optout-index: shard " + s.shard() + " quarantined: " + s.failed()));
                yield done.anyFailed() ? OptoutIndexCli.BAD_INPUT : 0;
            }
        };
    }

    private Bundle loadBundle() throws Exception {
        if (publicKey == null || !Files.isReadable(publicKey)) {
            throw new OptoutIndexCli.BadInput("--pii-bundle needs a readable --public-key to check its signature");
        }
        if (!Files.isReadable(bundle)) {
            throw new OptoutIndexCli.BadInput("cannot read " + bundle);
        }
        var key = SigningKeys.readPublic(Files.readString(publicKey, StandardCharsets.US_ASCII));
        return switch (Bundle.load(Files.readAllBytes(bundle), key, Clock.systemUTC())) {
            case Bundle.Loading.Rejected rejected -> throw new OptoutIndexCli.BadInput("bundle rejected: " + rejected.reason());
            case Bundle.Loading.Loaded loaded when loaded.stale() && !allowStale -> throw new OptoutIndexCli.BadInput(
                    "the bundle is stale (valid until " + loaded.bundle().header().get("valid-until") + "); pass --allow-stale to use it");
            case Bundle.Loading.Loaded loaded -> loaded.bundle();
        };
    }

    /** A progress bar on the error stream: shards and bytes done, redrawn in place. */
    private static final class Bar implements Reconstruction.Progress {
        private final PrintWriter err;
        private final AtomicInteger shardsDone = new AtomicInteger();
        private final AtomicLong bytesDone = new AtomicLong();
        private volatile int shards;
        private volatile long bytes;
        private final long started = System.nanoTime();

        Bar(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void started(int shards, long bytes) {
            this.shards = shards;
            this.bytes = bytes;
        }

        @Override
        public synchronized void finished(String shard, long size, boolean skipped) {
            int done = shardsDone.incrementAndGet();
            long read = bytesDone.addAndGet(size);
            int width = 30;
            int filled = (int) (width * read / Math.max(1, bytes));
            double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
            err.printf("\r[%s%s] %d/%d shards, %.1f/%.1f MB, %.1f MB/s%s", "#".repeat(filled), " ".repeat(width - filled),
                    done, shards, read / 1e6, bytes / 1e6, read / 1e6 / seconds, done == shards ? "\n" : "");
            err.flush();
        }
    }
}

package io.custodia.optout.bench;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import com.google.common.io.CountingOutputStream;
import io.custodia.optout.index.IndexStore;
import io.custodia.optout.index.Snapshot;
import io.custodia.optout.index.Verdict;
import io.custodia.pii.PiiFilter;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each stage of a reconstruction run alone, one thread, over the first shards of the corpus that
 * {@link ReconstructionBenchmarkMain} generated, held in memory: what each stage costs with nothing else in the way, and
 * so the most that a pipeline of them could reach per core. Arguments: DIR [megabytes of the corpus, default 1024]
 * [shards to read, default 2] [zstd level, default 3].
 */
public final class StageBenchmarkMain {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectWriter INTO_STREAM = JSON.writer().without(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .without(StreamWriteFeature.FLUSH_PASSED_TO_STREAM);
    private static final int PASSES = 5;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int megabytes = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int shards = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int level = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        IndexStore store = new IndexStore(dir.resolve("index"), Clock.systemUTC());
        Snapshot snapshot = ((IndexStore.Opening.Opened) store.open(store.latest().orElseThrow())).snapshot();
        PiiFilter filter = PiiFilter.standard();
        List<byte[]> compressed = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("corpus-" + megabytes))) {
            for (Path file : files.sorted().limit(shards).toList()) {
                compressed.add(Files.readAllBytes(file));
            }
        }
        List<byte[]> lines = new ArrayList<>();
        long bytes = 0;
        for (byte[] shard : compressed) {
            for (byte[] line : lines(decompress(shard))) {
                lines.add(line);
                bytes += line.length + 1;
            }
        }
        List<ObjectNode> documents = new ArrayList<>();
        for (byte[] line : lines) {
            documents.add((ObjectNode) JSON.readTree(line));
        }
        String[] texts = documents.stream().map(d -> d.get("text").asString()).toArray(String[]::new);
        String[] urls = documents.stream().map(d -> d.get("url").asString()).toArray(String[]::new);
        String[] redacted = Arrays.stream(texts).map(t -> ((PiiFilter.Outcome.Redacted) filter.redact(t)).text()).toArray(String[]::new);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        for (int i = 0; i < documents.size(); i++) {
            documents.get(i).put("text", redacted[i]);
            INTO_STREAM.writeValue(written, documents.get(i));
            written.write('\n');
        }
        byte[] output = written.toByteArray();
        System.out.printf("%d documents, %.1f MB of JSON lines from %d shards (%.1f MB of zstd); best of %d passes, one thread%n",
                lines.size(), bytes / 1e6, compressed.size(), compressed.stream().mapToLong(c -> c.length).sum() / 1e6, PASSES);

        double total = 0;
        total += stage("zstd decompression", bytes, () -> {
            long n = 0;
            for (byte[] shard : compressed) {
                n += decompress(shard).length;
            }
            return n;
        });
        total += stage("JSON lines read as trees", bytes, () -> {
            long n = 0;
            for (byte[] line : lines) {
                n += JSON.readTree(line).size();
            }
            return n;
        });
        total += stage("URL checks", bytes, () -> {
            long n = 0;
            for (String url : urls) {
                n += snapshot.checkUrl(url) instanceof Verdict.Excluded ? 1 : 0;
            }
            return n;
        });
        total += stage("content fingerprints", bytes, () -> {
            long n = 0;
            for (String text : texts) {
                n += snapshot.check(null, text) instanceof Verdict.Excluded ? 1 : 0;
            }
            return n;
        });
        total += stage("PII filter, standard detectors", bytes, () -> {
            long n = 0;
            for (String text : texts) {
                n += ((PiiFilter.Outcome.Redacted) filter.redact(text)).report().findings().size();
            }
            return n;
        });
        total += stage("JSON lines written from trees", bytes, () -> {
            // As a reconstruction writes them: into the shard's buffered stream, neither closed nor flushed.
            CountingOutputStream counted = new CountingOutputStream(OutputStream.nullOutputStream());
            try (OutputStream out = new BufferedOutputStream(counted, 1 << 16)) {
                for (ObjectNode document : documents) {
                    INTO_STREAM.writeValue(out, document);
                    out.write('\n');
                }
            }
            return counted.getCount();
        });
        total += stage("zstd compression, level " + level, bytes, () -> {
            ByteArrayOutputStream sink = new ByteArrayOutputStream(output.length / 3);
            try (OutputStream out = new ZstdOutputStream(sink, level)) {
                for (int at = 0; at < output.length; at += 1 << 16) {
                    out.write(output, at, Math.min(1 << 16, output.length - at));
                }
            }
            return sink.size();
        });
        System.out.printf("all stages, one after the other, each at its best: %.1f MB/s of JSON lines%n", bytes / 1e6 / total);
    }

    /** A stage's best pass, printed; returns its seconds. */
    private static double stage(String name, long bytes, Stage stage) throws Exception {
        double best = Double.MAX_VALUE;
        long result = 0;
        for (int pass = 0; pass < PASSES; pass++) {
            long start = System.nanoTime();
            result += stage.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        System.out.printf("%-34s %7.1f MB/s  (%.3f s; %d)%n", name, bytes / 1e6 / best, best, result);
        return best;
    }

    private interface Stage {
        long run() throws Exception;
    }

    private static byte[] decompress(byte[] shard) throws Exception {
        try (InputStream in = new ZstdInputStream(new java.io.ByteArrayInputStream(shard))) {
            return in.readAllBytes();
        }
    }

    private static List<byte[]> lines(byte[] all) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                lines.add(Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        return lines;
    }
}

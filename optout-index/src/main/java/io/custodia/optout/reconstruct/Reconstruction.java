package io.custodia.optout.reconstruct;

import com.google.common.base.Utf8;
import io.custodia.optout.Digests;
import io.custodia.optout.index.Snapshot;
import io.custodia.optout.index.Verdict;
import io.custodia.pii.PiiFilter;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rebuilds a corpus from FineWeb-style shards of JSON lines or Parquet ({@code text}, {@code id}, {@code url}, …):
 * drops what the exclusion index excludes, redacts personal data with the PII filter, and writes per shard the kept
 * documents (same format and compression as the input), a record of every removed document and a quarantine of lines that are not documents.
 * Shards run in parallel, one thread each. Every file is written under a temporary name and renamed when complete, and
 * a shard's {@code .done.json} is written last, so a run killed at any moment resumes where it stopped and ends with
 * the same bytes as an uninterrupted one.
 */
public final class Reconstruction {

    /**
     * Refuses an object with a field twice: readers differ on which one counts, so {"text": "<PII>", "text": "clean"}
     * would be checked on one text and passed on with the other.
     */
    static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /**
     * Writes a redacted document straight into the shard's stream, neither closing nor flushing it: a flush would reach
     * the compressor and end a zstd block there, which changes the output's bytes.
     */
    private static final ObjectWriter INTO_SHARD = JSON.writer().without(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .without(StreamWriteFeature.FLUSH_PASSED_TO_STREAM);
    static final ObjectMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    static final String DONE = ".done.json";
    static final String REMOVED = ".removed.jsonl";
    static final String QUARANTINE = ".quarantine.jsonl";
    private static final String TEMPORARY = ".tmp-";

    private final Snapshot snapshot;
    private final PiiFilter filter;
    private final String bundleVersion;
    private final int threads;
    private final int zstdLevel;

    /** zstd's own default level, for {@code .jsonl.zst} outputs unless another is chosen. */
    public static final int DEFAULT_ZSTD_LEVEL = 3;
    /** The levels a caller may choose: zstd's usual range, without the "ultra" levels that need far more memory. */
    public static final int MIN_ZSTD_LEVEL = 1;
    public static final int MAX_ZSTD_LEVEL = 19;

    /** @param filter null to leave text as it is; {@code bundleVersion} names the bundle inside it, or null */
    public Reconstruction(Snapshot snapshot, PiiFilter filter, String bundleVersion, int threads) {
        this(snapshot, filter, bundleVersion, threads, DEFAULT_ZSTD_LEVEL);
    }

    /**
     * @param zstdLevel the level of {@code .jsonl.zst} outputs, {@link #MIN_ZSTD_LEVEL} to {@link #MAX_ZSTD_LEVEL}: a lower
     *     one writes faster and larger files; it is part of what makes the output bytes, so the run manifest records it
     */
    public Reconstruction(Snapshot snapshot, PiiFilter filter, String bundleVersion, int threads, int zstdLevel) {
        if (zstdLevel < MIN_ZSTD_LEVEL || zstdLevel > MAX_ZSTD_LEVEL) {
            throw new IllegalArgumentException("zstd level " + zstdLevel + " is outside " + MIN_ZSTD_LEVEL + " to " + MAX_ZSTD_LEVEL);
        }
        this.snapshot = snapshot;
        this.filter = filter;
        this.bundleVersion = bundleVersion;
        this.threads = Math.max(1, threads);
        this.zstdLevel = zstdLevel;
    }

    /** Told as shards finish, for a progress bar. */
    public interface Progress {
        void started(int shards, long bytes);

        void finished(String shard, long bytes, boolean skipped);
    }

    /** The outcome of a run: its manifest, or why it could not start. */
    public sealed interface Outcome {
        record Done(RunManifest manifest) implements Outcome {
            /** Whether some shard could not be read at all. */
            public boolean anyFailed() {
                return manifest.shards().stream().anyMatch(s -> s.failed() != null);
            }
        }

        record Refused(String reason) implements Outcome {}
    }

    /**
     * What a shard's done marker holds: the shard's record and what it was made with, so that a changed index, bundle
     * or zstd level redoes it. {@code zstdLevel} is 0 for a shard whose output is not zstd, where the level changes nothing,
     * and null in the markers of runs from before it was recorded, which wrote zstd at the default level.
     */
    record Done(String indexRulesSha256, String bundleVersion, Integer zstdLevel, RunManifest.Shard shard) {}

    public Outcome run(Path in, Path out, Progress progress) throws IOException {
        Path input = in.toAbsolutePath().normalize();
        Path output = out.toAbsolutePath().normalize();
        if (!Files.isDirectory(input)) {
            return new Outcome.Refused("the input " + in + " is not a directory");
        }
        if (output.startsWith(input) || input.startsWith(output)) {
            return new Outcome.Refused("the output directory must be outside the input directory, and the other way round");
        }
        List<Path> shards;
        try (Stream<Path> walk = Files.walk(input)) {
            shards = walk.filter(Files::isRegularFile).filter(p -> ShardFormat.of(p).isPresent())
                    .map(input::relativize).sorted().toList();
        }
        if (shards.isEmpty()) {
            return new Outcome.Refused("no shards (.jsonl, .jsonl.gz, .jsonl.zst, .parquet) under " + in);
        }
        Files.createDirectories(output);
        removeTemporaries(output);
        long bytes = 0;
        for (Path shard : shards) {
            bytes += Files.size(input.resolve(shard));
        }
        progress.started(shards.size(), bytes);
        List<RunManifest.Shard> records = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, shards.size()))) {
            List<Future<RunManifest.Shard>> futures = new ArrayList<>();
            for (Path shard : shards) {
                futures.add(pool.submit(() -> shard(input, output, shard, progress)));
            }
            for (Future<RunManifest.Shard> future : futures) {
                records.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException(e.getCause());
        }
        Map<String, Long> totals = new TreeMap<>();
        for (RunManifest.Shard shard : records) {
            totals.merge("documents", shard.documents(), Long::sum);
            totals.merge("kept", shard.kept(), Long::sum);
            totals.merge("redacted", shard.redacted(), Long::sum);
            totals.merge("removed", shard.removed(), Long::sum);
            totals.merge("malformed", shard.malformed(), Long::sum);
            totals.merge("failed-shards", shard.failed() == null ? 0L : 1L, Long::sum);
            shard.reasons().forEach((reason, count) -> totals.merge("removed:" + reason, count, Long::sum));
        }
        RunManifest manifest = new RunManifest(RunManifest.FORMAT, snapshot.manifest().version(),
                snapshot.manifest().rulesSha256(), bundleVersion, zstdLevel, records, totals);
        writeAtomically(output.resolve(RunManifest.FILE), PRETTY.writeValueAsBytes(manifest));
        return new Outcome.Done(manifest);
    }

    private RunManifest.Shard shard(Path input, Path output, Path shard, Progress progress) throws IOException {
        Path source = input.resolve(shard);
        String name = shard.toString().replace('\\', '/');
        String inputSha = Digests.sha256(source);
        Path done = output.resolve(name + DONE);
        Done previous = readDone(done);
        if (previous != null) {
            if (previous.shard().inputSha256().equals(inputSha)
                    && previous.indexRulesSha256().equals(snapshot.manifest().rulesSha256())
                    && java.util.Objects.equals(previous.bundleVersion(), bundleVersion)
                    && (previous.zstdLevel() != null ? previous.zstdLevel() : levelOf(source, DEFAULT_ZSTD_LEVEL)) == levelOf(source)
                    && outputsIntact(output, previous.shard())) {
                progress.finished(name, Files.size(source), true);
                return previous.shard();
            }
        }
        RunManifest.Shard record = process(source, output, name, inputSha);
        if (record.failed() == null) {
            writeAtomically(done, JSON.writeValueAsBytes(new Done(snapshot.manifest().rulesSha256(), bundleVersion, levelOf(source), record)));
        }
        progress.finished(name, Files.size(source), false);
        return record;
    }

    /** The zstd level that shapes this shard's output bytes, or 0 where its output is not zstd. */
    private int levelOf(Path source) {
        return levelOf(source, zstdLevel);
    }

    private static int levelOf(Path source, int level) {
        return ShardFormat.of(source).orElseThrow() == ShardFormat.ZSTD ? level : 0;
    }

    private static Done readDone(Path done) {
        if (!Files.exists(done)) {
            return null;
        }
        try {
            return JSON.readValue(done.toFile(), Done.class);
        } catch (JacksonException unreadable) {
            return null;
        }
    }

    private static boolean outputsIntact(Path output, RunManifest.Shard shard) throws IOException {
        for (RunManifest.Output file : shard.outputs()) {
            Path path = output.resolve(file.path());
            if (!Files.exists(path) || !Digests.sha256(path).equals(file.sha256())) {
                return false;
            }
        }
        return true;
    }

    private RunManifest.Shard process(Path source, Path output, String name, String inputSha) throws IOException {
        ShardFormat format = ShardFormat.of(source).orElseThrow();
        Path kept = output.resolve(name);
        Path removed = output.resolve(name + REMOVED);
        Path quarantine = output.resolve(name + QUARANTINE);
        Files.createDirectories(kept.getParent());
        Path keptTmp = temporary(kept);
        Path removedTmp = temporary(removed);
        Path quarantineTmp = temporary(quarantine);
        Counts counts = new Counts();
        if (format != ShardFormat.JSONL && Files.size(source) == 0) {
            // zstd would read an empty file as an empty stream, gzip as a damaged one. An empty compressed or Parquet file
            // is a cut-short download or a failed write, not a shard without documents, and is said so for every format.
            return failed(name, inputSha, counts, "not a valid " + format.suffix + " file: it is empty", keptTmp, removedTmp,
                    quarantineTmp);
        }
        try {
            if (format == ShardFormat.PARQUET) {
                new ParquetShard(this).process(source, keptTmp, removedTmp, quarantineTmp, counts);
            } else {
                lines(format, source, keptTmp, removedTmp, quarantineTmp, counts);
            }
        } catch (IOException unreadable) {
            // A compressed stream that stops before its end marker says so with an EOFException, often without a message.
            boolean damaged = unreadable instanceof java.util.zip.ZipException || unreadable instanceof java.io.EOFException
                    || unreadable.getClass().getName().contains("Zstd");
            String detail = unreadable.getMessage() != null ? unreadable.getMessage() : "it ends before its end";
            String reason = damaged ? "not a valid " + format.suffix + " file: " + detail : "cannot read: " + detail;
            return failed(name, inputSha, counts, reason, keptTmp, removedTmp, quarantineTmp);
        } catch (RuntimeException bug) {
            // A fault of ours on one document must not cost the other shards of a long run. Only the exception's class
            // is recorded: its message may quote the document.
            return failed(name, inputSha, counts, "stopped at document " + counts.documents + " by an internal error ("
                    + bug.getClass().getName() + "); a rerun retries the shard", keptTmp, removedTmp, quarantineTmp);
        } catch (OutOfMemoryError tooLarge) {
            // Data that needs more than the heap (a Parquet page that claims gigabytes, say) fails its shard alone: the
            // allocation that failed was never made, and what the shard held goes with it.
            return failed(name, inputSha, counts, "stopped at document " + counts.documents + ": out of memory; a rerun with"
                    + " a larger heap (-Xmx) retries the shard", keptTmp, removedTmp, quarantineTmp);
        }
        List<RunManifest.Output> outputs = new ArrayList<>();
        for (Path[] pair : List.of(new Path[] {keptTmp, kept}, new Path[] {removedTmp, removed}, new Path[] {quarantineTmp, quarantine})) {
            outputs.add(new RunManifest.Output(output.relativize(pair[1]).toString().replace('\\', '/'), Digests.sha256(pair[0])));
            Files.move(pair[0], pair[1], StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return new RunManifest.Shard(name, inputSha, counts.documents, counts.kept, counts.redacted, counts.removed,
                counts.malformed, counts.reasons, outputs, null);
    }

    /** A shard that did not finish: its temporary outputs removed, its counts so far and why, for a rerun to retry. */
    private static RunManifest.Shard failed(String name, String inputSha, Counts counts, String reason, Path... temporaries)
            throws IOException {
        for (Path tmp : temporaries) {
            Files.deleteIfExists(tmp);
        }
        return new RunManifest.Shard(name, inputSha, counts.documents, counts.kept, counts.redacted, counts.removed,
                counts.malformed, Map.of(), List.of(), reason);
    }

    static final class Counts {
        long documents;
        long kept;
        long redacted;
        long removed;
        long malformed;
        final Map<String, Long> reasons = new TreeMap<>();
    }

    /**
     * The longest line read as a document: 16 times the 1 MiB at which Common Crawl cuts a page. A longer line is no web
     * document; read whole, it could take the heap (a shard of a few kilobytes of zstd can hold a line of gigabytes).
     */
    static final int MAX_LINE_BYTES = 16 << 20;

    /**
     * A shard of JSON lines, read as bytes so that a line that is not UTF-8 is quarantined, not fatal; a line longer than
     * {@link #MAX_LINE_BYTES} is quarantined by its length, without being held.
     */
    private void lines(ShardFormat format, Path source, Path keptTmp, Path removedTmp, Path quarantineTmp, Counts counts)
            throws IOException {
        try (InputStream raw = withoutByteOrderMark(format.decode(Files.newInputStream(source)));
                OutputStream keptOut = new BufferedOutputStream(format.encode(Files.newOutputStream(keptTmp), zstdLevel), 1 << 16);
                Writer removedOut = writer(Files.newOutputStream(removedTmp));
                Writer quarantineOut = writer(Files.newOutputStream(quarantineTmp))) {
            LineBuffer line = new LineBuffer();
            // The bytes of the line being read once it is past the limit, when they are no longer kept; else -1.
            long overlong = -1;
            byte[] buffer = new byte[1 << 16];
            long number = 0;
            for (int n = raw.read(buffer); n >= 0; n = raw.read(buffer)) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        long length = (overlong >= 0 ? overlong : line.size()) + i - start;
                        if (length > MAX_LINE_BYTES) {
                            overlong(quarantineOut, counts, ++number, length);
                        } else if (line.size() == 0) {
                            // A line that lies whole in the buffer is read where it is.
                            document(buffer, start, i - start, ++number, keptOut, removedOut, quarantineOut, counts);
                        } else {
                            line.write(buffer, start, i - start);
                            document(line.bytes(), 0, line.size(), ++number, keptOut, removedOut, quarantineOut, counts);
                        }
                        line.reset();
                        overlong = -1;
                        start = i + 1;
                    }
                }
                if (overlong >= 0) {
                    overlong += n - start;
                } else if (line.size() + n - start > MAX_LINE_BYTES) {
                    overlong = line.size() + n - start;
                    line.reset();
                } else {
                    line.write(buffer, start, n - start);
                }
            }
            if (overlong >= 0) {
                overlong(quarantineOut, counts, ++number, overlong);
            } else if (line.size() > 0) {
                document(line.bytes(), 0, line.size(), ++number, keptOut, removedOut, quarantineOut, counts);
            }
        }
    }

    /** The bytes of a line that spans reads, without a copy to hand them on. */
    private static final class LineBuffer extends ByteArrayOutputStream {
        LineBuffer() {
            super(1 << 14);
        }

        byte[] bytes() {
            return buf;
        }
    }

    /** A line too long to be a document, quarantined by its number and length: its bytes are not kept to be written. */
    private static void overlong(Writer out, Counts counts, long number, long bytes) throws IOException {
        ObjectNode record = JSON.createObjectNode();
        record.put("line", number);
        record.put("reason", "longer than " + MAX_LINE_BYTES + " bytes");
        record.put("bytes", bytes);
        out.write(JSON.writeValueAsString(record));
        out.write('\n');
        counts.malformed++;
    }

    /** The stream past a UTF-8 byte order mark, which some tools write at the start of a file: the file's, not a line's. */
    private static InputStream withoutByteOrderMark(InputStream in) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, 3);
        byte[] first = pushback.readNBytes(3);
        if (!(first.length == 3 && first[0] == (byte) 0xEF && first[1] == (byte) 0xBB && first[2] == (byte) 0xBF)) {
            pushback.unread(first);
        }
        return pushback;
    }

    private void document(byte[] bytes, int offset, int count, long number, OutputStream kept, Writer removed,
            Writer quarantine, Counts counts) throws IOException {
        int length = count > 0 && bytes[offset + count - 1] == '\r' ? count - 1 : count;
        // Decoded to a String only when a line is reported: parsing and the checks read the bytes themselves.
        if (!Utf8.isWellFormed(bytes, offset, length)) {
            quarantine(quarantine, counts, number, "not UTF-8", null,
                    Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, offset, offset + count)));
            return;
        }
        if (isBlank(bytes, offset, length)) {
            return;
        }
        // Parsed from bytes, Jackson would take a leading byte order mark, or zero bytes, as a sign of the input's
        // encoding. In a line of JSON both are errors, and they stay errors here.
        if (length >= 3 && bytes[offset] == (byte) 0xEF && bytes[offset + 1] == (byte) 0xBB
                && bytes[offset + 2] == (byte) 0xBF || zeroNear(bytes, offset, length)) {
            quarantine(quarantine, counts, number, "not valid JSON", utf8(bytes, offset, length), null);
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes, offset, length);
        } catch (JacksonException e) {
            String message = e.getOriginalMessage();
            String reason = message != null && message.startsWith("Duplicate")
                    ? "not valid JSON: a field appears twice in one object" : "not valid JSON";
            quarantine(quarantine, counts, number, reason, utf8(bytes, offset, length), null);
            return;
        }
        if (!(node instanceof ObjectNode document)) {
            quarantine(quarantine, counts, number, "not a JSON object", utf8(bytes, offset, length), null);
            return;
        }
        JsonNode text = document.get("text");
        JsonNode url = document.get("url");
        if (text == null || !text.isString() || (url != null && !url.isNull() && !url.isString())) {
            quarantine(quarantine, counts, number, "needs a string 'text' and, if any, a string 'url'", utf8(bytes, offset, length),
                    null);
            return;
        }
        counts.documents++;
        String id = document.has("id") && document.get("id").isValueNode() ? document.get("id").asString() : null;
        String address = url == null || url.isNull() ? null : url.asString();
        switch (decide(address, text.asString())) {
            case Fate.Removed gone -> removed(removed, counts, id, address, gone);
            case Fate.Redacted redacted -> {
                document.put("text", redacted.text());
                // UTF-8 straight from the generator, which also keeps an escaped lone surrogate escaped: through a
                // String and a Writer it became "?". Into the stream, not through an array of its own per document.
                INTO_SHARD.writeValue(kept, document);
                kept.write('\n');
                counts.kept++;
                counts.redacted++;
            }
            case Fate.Unchanged unchanged -> {
                // The line's own bytes: valid UTF-8 (checked above), so the same as encoding it again.
                kept.write(bytes, offset, length);
                kept.write('\n');
                counts.kept++;
            }
        }
    }

    /** Whether a zero byte, which JSON allows nowhere unescaped, is among the first four. */
    private static boolean zeroNear(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + Math.min(4, length); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static String utf8(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    /** {@link String#isBlank()} of well-formed UTF-8, decoding only a line whose first non-space char is beyond ASCII. */
    static boolean isBlank(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            int b = bytes[i];
            if (b < 0) {
                return utf8(bytes, offset, length).isBlank();
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /** What becomes of one document. */
    sealed interface Fate {
        record Removed(String reason, String source, String rule) implements Fate {}

        record Redacted(String text) implements Fate {}

        record Unchanged() implements Fate {}
    }

    Fate decide(String url, String text) {
        if (snapshot.check(url, text) instanceof Verdict.Excluded excluded) {
            return new Fate.Removed(excluded.kind().name(), excluded.source().name(), excluded.ruleId());
        }
        if (filter != null) {
            switch (filter.redact(text)) {
                case PiiFilter.Outcome.Dropped dropped -> {
                    return new Fate.Removed("PII", null, null);
                }
                case PiiFilter.Outcome.Redacted redacted when !redacted.report().isEmpty() -> {
                    return new Fate.Redacted(redacted.text());
                }
                case PiiFilter.Outcome.Redacted unchanged -> { }
            }
        }
        return new Fate.Unchanged();
    }

    static void removed(Writer out, Counts counts, String id, String url, Fate.Removed gone) throws IOException {
        ObjectNode record = JSON.createObjectNode();
        record.put("id", id);
        record.put("url", url);
        record.put("reason", gone.reason());
        record.put("source", gone.source());
        record.put("rule", gone.rule());
        out.write(JSON.writeValueAsString(record));
        out.write('\n');
        counts.removed++;
        counts.reasons.merge(gone.reason(), 1L, Long::sum);
    }

    /**
     * A line or row that is not a document, kept for whoever fixes the source: with its personal data redacted as a
     * document's would be (the source shard still has it as it was), or withheld where the policy drops such data.
     */
    void quarantine(Writer out, Counts counts, long number, String reason, String line, String base64) throws IOException {
        ObjectNode record = JSON.createObjectNode();
        record.put("line", number);
        record.put("reason", reason);
        if (line != null) {
            String raw = filter == null ? line : switch (filter.redact(line)) {
                case PiiFilter.Outcome.Redacted redacted -> redacted.text();
                case PiiFilter.Outcome.Dropped dropped -> null;
            };
            if (raw != null) {
                record.put("raw", raw);
            } else {
                record.put("raw_withheld", "holds personal data that the policy drops");
            }
        } else {
            record.put("raw_base64", base64);
        }
        out.write(JSON.writeValueAsString(record));
        out.write('\n');
        counts.malformed++;
    }

    static Writer writer(java.io.OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    private static Path temporary(Path target) {
        return target.resolveSibling(target.getFileName() + TEMPORARY + UUID.randomUUID());
    }

    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = temporary(target);
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** What a killed run left half-written. */
    private static void removeTemporaries(Path output) throws IOException {
        try (Stream<Path> walk = Files.walk(output)) {
            for (Path file : walk.filter(p -> p.getFileName().toString().contains(TEMPORARY)).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}

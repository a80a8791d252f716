package io.custodia.optout.reconstruct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.custodia.optout.index.Snapshot;
import io.custodia.pii.Detector;
import io.custodia.pii.PiiFilter;
import io.custodia.pii.PiiType;
import io.custodia.pii.Span;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ReconstructionTest {

    @TempDir
    Path tmp;

    static final Reconstruction.Progress QUIET = new Reconstruction.Progress() {
        @Override
        public void started(int shards, long bytes) {}

        @Override
        public void finished(String shard, long bytes, boolean skipped) {}
    };

    /** A progress listener that notes which shards a rerun skipped. */
    static final class SkippedShards implements Reconstruction.Progress {
        final List<String> shards = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void started(int count, long bytes) {}

        @Override
        public void finished(String shard, long bytes, boolean skipped) {
            if (skipped) {
                shards.add(shard);
            }
        }
    }

    private Reconstruction reconstruction() throws IOException {
        Snapshot snapshot = Corpus.index(tmp.resolve("index"));
        return new Reconstruction(snapshot, PiiFilter.standard(), null, 2);
    }

    @Test
    void aByteOrderMarkAtTheStartOfAShardIsNotPartOfItsFirstLine() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        String first = "{\"text\":\"mail jane.doe@example.com\",\"id\":\"1\",\"url\":\"https://kept.example.org/a\"}";
        String second = "{\"text\":\"\uFEFFa mark inside a line is text\",\"id\":\"2\",\"url\":\"https://kept.example.org/b\"}";
        Files.writeString(in.resolve("a.jsonl"), "\uFEFF" + first + "\r\n" + second + "\n");
        Files.writeString(in.resolve("b.jsonl"), "\uFEFF" + "\uFEFF" + first + "\n");
        Path out = tmp.resolve("out");

        var done = (Reconstruction.Outcome.Done) reconstruction().run(in, out, QUIET);

        RunManifest.Shard a = done.manifest().shards().getFirst();
        assertThat(a.documents()).isEqualTo(2);
        assertThat(a.malformed()).isZero();
        assertThat(Files.readAllLines(out.resolve("a.jsonl"))).containsExactly(
                "{\"text\":\"mail <email-pii>\",\"id\":\"1\",\"url\":\"https://kept.example.org/a\"}", second);
        // Only one mark is the file's: a second is the line's, which is then not JSON.
        assertThat(done.manifest().shards().get(1).malformed()).isEqualTo(1);
    }

    @Test
    void zeroBytesThatLookLikeUtf16AreNotJson() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        // {"text":"x"} in UTF-16: zero bytes and ASCII, so well-formed UTF-8, but as a line of UTF-8 not JSON. Parsed from
        // bytes, Jackson would read it as UTF-16 and let the document through.
        var lines = new ByteArrayOutputStream();
        lines.writeBytes("{\"text\":\"x\"}".getBytes(StandardCharsets.UTF_16BE));
        lines.writeBytes("\n{\u0000\"text\":\"y\"}\n{\"text\":\"z\u0000\"}\n{\"text\":\"fine\"}\n".getBytes(StandardCharsets.UTF_8));
        Files.write(in.resolve("a.jsonl"), lines.toByteArray());

        var done = (Reconstruction.Outcome.Done) reconstruction().run(in, tmp.resolve("out"), QUIET);

        RunManifest.Shard a = done.manifest().shards().getFirst();
        assertThat(a.malformed()).isEqualTo(3);
        assertThat(a.documents()).isEqualTo(1);
        assertThat(Files.readAllLines(tmp.resolve("out").resolve("a.jsonl.quarantine.jsonl")))
                .allSatisfy(line -> assertThat(line).contains("\"reason\":\"not valid JSON\""));
    }

    @Test
    void aRedactedDocumentKeepsAnEscapedLoneSurrogateAndAnUnchangedOneKeepsItsBytes() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        // JSON may escape a surrogate that has no pair; written back through a String and a Writer it became "?".
        String redacted = "{\"text\":\"mail jane.doe@example.com \\ud800 end\",\"id\":\"1\",\"url\":\"https://kept.example.org/a\"}";
        String unchanged = "{\"id\":\"2\",  \"text\":\"caf\u00e9 \\u00e9 \\ud83d\",\"url\":\"https://kept.example.org/b\"}";
        Files.writeString(in.resolve("a.jsonl"), redacted + "\n" + unchanged + "\r\n");
        Path out = tmp.resolve("out");

        reconstruction().run(in, out, QUIET);

        assertThat(Files.readString(out.resolve("a.jsonl"))).isEqualTo(
                "{\"text\":\"mail <email-pii> \\uD800 end\",\"id\":\"1\",\"url\":\"https://kept.example.org/a\"}\n" + unchanged + "\n");
    }

    @Test
    void anObjectWithAFieldTwiceIsQuarantinedNotCheckedOnOneAndPassedOnWithBoth() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        // Readers differ on which of two equal fields counts: either line used to be kept byte for byte.
        String twoTexts = "{\"text\":\"mail jane.doe@example.com\",\"text\":\"clean\",\"id\":\"1\",\"url\":\"https://kept.example.org/a\"}";
        String twoUrls = "{\"url\":\"https://sub.optedout.org/x\",\"url\":\"https://kept.example.org/b\",\"text\":\"t\",\"id\":\"2\"}";
        Files.writeString(in.resolve("a.jsonl"), twoTexts + "\n" + twoUrls + "\n{\"text\":\"fine\",\"id\":\"3\"}\n");
        Path out = tmp.resolve("out");

        var done = (Reconstruction.Outcome.Done) reconstruction().run(in, out, QUIET);

        assertThat(Files.readString(out.resolve("a.jsonl"))).isEqualTo("{\"text\":\"fine\",\"id\":\"3\"}\n");
        assertThat(Files.readAllLines(out.resolve("a.jsonl.quarantine.jsonl"))).hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("\"reason\":\"not valid JSON: a field appears twice in one object\""))
                // The source still has the line as it was; the quarantine copy has its personal data redacted.
                .anySatisfy(line -> assertThat(line).contains("mail <email-pii>").doesNotContain("jane.doe"));
        assertThat(done.manifest().shards().getFirst().malformed()).isEqualTo(2);
    }

    @Test
    void aLineTooLongForADocumentIsQuarantinedByItsLengthWithoutBeingHeld() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        String first = "{\"text\":\"kept, mail jane.doe@example.com\",\"id\":\"1\",\"url\":\"https://kept.example.org/a\"}";
        String atLimit = "{\"text\":\"" + "a".repeat(Reconstruction.MAX_LINE_BYTES - 11) + "\"}";
        String last = "{\"text\":\"plain\",\"id\":\"4\",\"url\":\"https://kept.example.org/b\"}";
        // A few kilobytes of zstd: the over-long lines are written a megabyte at a time, never held as one string.
        try (var out = new ZstdOutputStream(Files.newOutputStream(in.resolve("a.jsonl.zst")))) {
            byte[] megabyte = "b".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            out.write((first + "\n{\"text\":\"").getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 40; i++) {
                out.write(megabyte);
            }
            out.write(("\"}\n" + atLimit + "\n" + last + "\n{\"text\":\"").getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 17; i++) {
                out.write(megabyte);
            }
        }
        Path out = tmp.resolve("out");

        var done = (Reconstruction.Outcome.Done) reconstruction().run(in, out, QUIET);

        RunManifest.Shard a = done.manifest().shards().getFirst();
        assertThat(a.failed()).isNull();
        assertThat(List.of(a.documents(), a.kept(), a.malformed())).containsExactly(3L, 3L, 2L);
        assertThat(Files.readString(out.resolve("a.jsonl.zst.quarantine.jsonl"))).isEqualTo(
                "{\"line\":2,\"reason\":\"longer than 16777216 bytes\",\"bytes\":" + (40 * (1 << 20) + 11) + "}\n"
                + "{\"line\":5,\"reason\":\"longer than 16777216 bytes\",\"bytes\":" + (17 * (1 << 20) + 9) + "}\n");
        String kept = zstdText(Files.readAllBytes(out.resolve("a.jsonl.zst")));
        assertThat(kept.split("\n")).hasSize(3);
        assertThat(kept).startsWith("{\"text\":\"kept, mail <email-pii>\"").contains("\n" + atLimit + "\n").endsWith(last + "\n");
    }

    @Test
    void documentUrlsAreReadAsBrowsersReadThemAndOneThatDoesNotParseStopsNothing() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        String oddPort = "{\"text\":\"odd port\",\"id\":\"1\",\"url\":\"https://kept.example.org:99999999999/a\"}";
        Files.writeString(in.resolve("a.jsonl"), String.join("\n", oddPort,
                "{\"text\":\"encoded host\",\"id\":\"2\",\"url\":\"https://sub.opted%6Fut.org/x\"}",
                "{\"text\":\"spaced\",\"id\":\"3\",\"url\":\" https://optedout.org/y \"}",
                "{\"text\":\"final dot and port\",\"id\":\"4\",\"url\":\"https://optedout.org.:8443/z\"}", ""));
        Path out = tmp.resolve("out");

        var done = (Reconstruction.Outcome.Done) reconstruction().run(in, out, QUIET);

        // A port past 65535 used to throw out of the shard and end the whole run.
        RunManifest.Shard a = done.manifest().shards().getFirst();
        assertThat(done.anyFailed()).isFalse();
        assertThat(List.of(a.documents(), a.kept(), a.removed(), a.malformed())).containsExactly(4L, 1L, 3L, 0L);
        assertThat(a.reasons()).isEqualTo(Map.of("DOMAIN", 3L));
        assertThat(Files.readAllLines(out.resolve("a.jsonl"))).containsExactly(oddPort);
    }

    @Test
    void aFaultOnOneDocumentFailsItsShardAndNotTheRun() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("a.jsonl"), "{\"text\":\"fine\",\"id\":\"1\"}\n{\"text\":\"trips the fault\",\"id\":\"2\"}\n");
        Files.writeString(in.resolve("b.jsonl"), "{\"text\":\"fine too\",\"id\":\"3\"}\n");
        Files.writeString(in.resolve("c.jsonl"), "{\"text\":\"fine\",\"id\":\"4\"}\n{\"text\":\"exhausts the heap\",\"id\":\"5\"}\n");
        Path out = tmp.resolve("out");
        // A detector with a bug that shows on one document, as the URL parser's port overflow did, and one document whose
        // data is more than the heap can hold.
        Detector faulty = new Detector() {
            @Override
            public PiiType type() {
                return PiiType.NAME;
            }

            @Override
            public int maxLength() {
                return 5;
            }

            @Override
            public Span match(CharSequence text, int start, int end) {
                if (text.toString().startsWith("trips", start)) {
                    throw new IllegalStateException("a bug quoting the text: trips");
                }
                if (text.toString().startsWith("exhausts", start)) {
                    throw new OutOfMemoryError("Java heap space");
                }
                return null;
            }
        };
        Snapshot snapshot = Corpus.index(tmp.resolve("index"));

        var done = (Reconstruction.Outcome.Done) new Reconstruction(snapshot, PiiFilter.builder().add(faulty).build(), null, 2)
                .run(in, out, QUIET);

        assertThat(done.anyFailed()).isTrue();
        RunManifest.Shard a = done.manifest().shards().getFirst();
        assertThat(a.failed()).isEqualTo("stopped at document 2 by an internal error (java.lang.IllegalStateException); "
                + "a rerun retries the shard");
        assertThat(a.outputs()).isEmpty();
        assertThat(done.manifest().shards().get(1).failed()).isNull();
        assertThat(done.manifest().shards().get(2).failed())
                .isEqualTo("stopped at document 2: out of memory; a rerun with a larger heap (-Xmx) retries the shard");
        assertThat(Files.readAllLines(out.resolve("b.jsonl"))).containsExactly("{\"text\":\"fine too\",\"id\":\"3\"}");
        try (var files = Files.list(out)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(file -> file.startsWith("a.jsonl") || file.startsWith("c.jsonl"));
        }
    }

    @Test
    void dropsExcludedDocumentsRedactsTheRestAndRecordsEverything() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("a.jsonl"), String.join("\n",
                "{\"text\":\"kept, write to jane.doe@example.com please\",\"id\":\"1\",\"url\":\"https://kept.example.org/a\"}",
                "{\"text\":\"gone\",\"id\":\"2\",\"url\":\"https://sub.optedout.org/x\"}",
                "not json at all",
                "[1,2,3]",
                "{\"id\":\"5\",\"url\":\"https://kept.example.org/b\"}",
                "{\"text\":\"private\",\"id\":\"6\",\"url\":\"http://news.example.com/2024/private/6\"}",
                "{\"text\":\"exact\",\"id\":\"7\",\"url\":\"https://blog.example.net/post/42#c\"}",
                "{\"text\":\"a copy: " + Corpus.PASSAGE.toLowerCase() + "\",\"id\":\"8\",\"url\":\"https://kept.example.org/c\"}",
                "{\"text\":\"no url, plain\",\"id\":9}",
                ""));
        Files.write(in.resolve("b.jsonl"), new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, '"', '}', '\n'});
        Files.write(in.resolve("c.jsonl.gz"), "this is not gzip".getBytes(StandardCharsets.UTF_8));
        Path out = tmp.resolve("out");

        var done = (Reconstruction.Outcome.Done) reconstruction().run(in, out, QUIET);

        assertThat(done.anyFailed()).isTrue();
        RunManifest manifest = done.manifest();
        assertThat(manifest.shards()).extracting(RunManifest.Shard::shard).containsExactly("a.jsonl", "b.jsonl", "c.jsonl.gz");
        RunManifest.Shard a = manifest.shards().getFirst();
        assertThat(a.documents()).isEqualTo(6);
        assertThat(a.kept()).isEqualTo(2);
        assertThat(a.redacted()).isEqualTo(1);
        assertThat(a.removed()).isEqualTo(4);
        assertThat(a.malformed()).isEqualTo(3);
        assertThat(a.reasons()).isEqualTo(Map.of("DOMAIN", 1L, "URL_PREFIX", 1L, "URL", 1L, "CONTENT", 1L));
        assertThat(Files.readAllLines(out.resolve("a.jsonl"))).containsExactly(
                "{\"text\":\"kept, write to <email-pii> please\",\"id\":\"1\",\"url\":\"https://kept.example.org/a\"}",
                "{\"text\":\"no url, plain\",\"id\":9}");
        assertThat(Files.readAllLines(out.resolve("a.jsonl.removed.jsonl")))
                .hasSize(4)
                .allSatisfy(line -> assertThat(line).contains("\"rule\":\""))
                .anySatisfy(line -> assertThat(line).startsWith("{\"id\":\"2\",\"url\":\"https://sub.optedout.org/x\",\"reason\":\"DOMAIN\",\"source\":\"REQUEST\""));
        assertThat(Files.readAllLines(out.resolve("a.jsonl.quarantine.jsonl"))).containsExactly(
                "{\"line\":3,\"reason\":\"not valid JSON\",\"raw\":\"not json at all\"}",
                "{\"line\":4,\"reason\":\"not a JSON object\",\"raw\":\"[1,2,3]\"}",
                "{\"line\":5,\"reason\":\"needs a string 'text' and, if any, a string 'url'\",\"raw\":\"{\\\"id\\\":\\\"5\\\",\\\"url\\\":\\\"https://kept.example.org/b\\\"}\"}");
        assertThat(Files.readString(out.resolve("b.jsonl.quarantine.jsonl"))).contains("\"reason\":\"not UTF-8\",\"raw_base64\":");
        RunManifest.Shard c = manifest.shards().get(2);
        assertThat(c.failed()).startsWith("not a valid .jsonl.gz file");
        assertThat(c.outputs()).isEmpty();
        assertThat(out.resolve("c.jsonl.gz")).doesNotExist();
        assertThat(manifest.totals()).containsEntry("failed-shards", 1L).containsEntry("malformed", 4L);
        assertThat(RunVerification.check(out, in)).containsExactly("shard c.jsonl.gz was quarantined: " + c.failed());
    }

    @Test
    void emptyOrCutShortCompressedShardsFailAsDamagedFiles() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        byte[] line = "{\"text\":\"ok\",\"id\":\"1\"}\n".getBytes(StandardCharsets.UTF_8);
        var gzip = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(gzip)) {
            out.write(line);
        }
        var zstd = new ByteArrayOutputStream();
        try (var out = new ZstdOutputStream(zstd)) {
            out.write(line);
        }
        for (String empty : List.of("empty.jsonl", "empty.jsonl.gz", "empty.jsonl.zst", "empty.parquet")) {
            Files.write(in.resolve(empty), new byte[0]);
        }
        Files.write(in.resolve("cut.jsonl.gz"), Arrays.copyOf(gzip.toByteArray(), 12));
        Files.write(in.resolve("cut.jsonl.zst"), Arrays.copyOf(zstd.toByteArray(), 10));

        var manifest = ((Reconstruction.Outcome.Done) reconstruction().run(in, tmp.resolve("out"), QUIET)).manifest();

        assertThat(manifest.shards()).extracting(RunManifest.Shard::shard, RunManifest.Shard::failed).containsExactly(
                tuple("cut.jsonl.gz", "not a valid .jsonl.gz file: Unexpected end of ZLIB input stream"),
                tuple("cut.jsonl.zst", "not a valid .jsonl.zst file: Truncated source"),
                tuple("empty.jsonl", null),
                tuple("empty.jsonl.gz", "not a valid .jsonl.gz file: it is empty"),
                tuple("empty.jsonl.zst", "not a valid .jsonl.zst file: it is empty"),
                tuple("empty.parquet", "not a valid .parquet file: it is empty"));
    }

    @Test
    void twoRunsWriteTheSameBytesAndARerunSkipsFinishedShards() throws IOException {
        Path in = tmp.resolve("in");
        Corpus.shards(in, 42, 6, 300);
        Reconstruction reconstruction = reconstruction();
        reconstruction.run(in, tmp.resolve("one"), QUIET);
        reconstruction.run(in, tmp.resolve("two"), QUIET);
        Map<String, byte[]> one = tree(tmp.resolve("one"));
        assertThat(one).containsKeys("shard-000.jsonl", "sub/shard-001.jsonl.gz", "shard-002.jsonl.zst", "shard-003.parquet",
                "run-manifest.json");
        assertEqualTrees(one, tree(tmp.resolve("two")));

        SkippedShards skipped = new SkippedShards();
        reconstruction.run(in, tmp.resolve("one"), skipped);
        assertThat(skipped.shards).hasSize(6);
        assertEqualTrees(one, tree(tmp.resolve("one")));
        assertThat(RunVerification.check(tmp.resolve("one"), in)).isEmpty();

        // A damaged output is noticed by verify-run, and the next run redoes that shard.
        Path damaged = tmp.resolve("one/shard-000.jsonl");
        Files.writeString(damaged, "tampered\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(RunVerification.check(tmp.resolve("one"), in)).containsExactly("shard-000.jsonl does not match its checksum");
        reconstruction.run(in, tmp.resolve("one"), QUIET);
        assertEqualTrees(one, tree(tmp.resolve("one")));
    }

    @Test
    void aLowerZstdLevelChangesOnlyTheZstdOutputsAndIsRecorded() throws IOException {
        Path in = tmp.resolve("in");
        Corpus.shards(in, 42, 6, 300);
        Snapshot snapshot = Corpus.index(tmp.resolve("index"));
        Path out = tmp.resolve("out");
        new Reconstruction(snapshot, PiiFilter.standard(), null, 2).run(in, out, QUIET);
        Map<String, byte[]> atThree = tree(out);
        // One zstd stream, never flushed midway: its blocks are of zstd's own size (128 KiB; at least half that on
        // average, however the input was handed over), not cut at documents. A flush ends a block, so a flush per
        // document would change the bytes with nothing in the lines to show for it.
        int uncompressed = zstdText(atThree.get("shard-002.jsonl.zst")).getBytes(StandardCharsets.UTF_8).length;
        assertThat(zstdBlocks(atThree.get("shard-002.jsonl.zst"))).isLessThanOrEqualTo(1 + uncompressed / (64 << 10));

        SkippedShards skipped = new SkippedShards();
        Reconstruction fast = new Reconstruction(snapshot, PiiFilter.standard(), null, 2, 1);
        var manifest = ((Reconstruction.Outcome.Done) fast.run(in, out, skipped)).manifest();
        Map<String, byte[]> atOne = tree(out);

        // Only the zstd shard was redone, and only its compressed bytes differ: the same lines, packed less tightly.
        assertThat(manifest.zstdLevel()).isEqualTo(1);
        assertThat(skipped.shards).hasSize(5).doesNotContain("shard-002.jsonl.zst");
        assertThat(atOne.get("shard-002.jsonl.zst")).isNotEqualTo(atThree.get("shard-002.jsonl.zst"));
        assertThat(zstdText(atOne.get("shard-002.jsonl.zst"))).isEqualTo(zstdText(atThree.get("shard-002.jsonl.zst")));
        atThree.keySet().stream().filter(name -> !name.startsWith("shard-002.jsonl.zst") && !name.equals(RunManifest.FILE))
                .forEach(name -> assertThat(atOne.get(name)).as(name).isEqualTo(atThree.get(name)));
        assertThat(RunVerification.check(out, in)).isEmpty();
        // Reproducible at that level too.
        fast.run(in, tmp.resolve("again"), QUIET);
        assertEqualTrees(atOne, tree(tmp.resolve("again")));

        // Runs from before the level was recorded (format 1, no level in the manifest or the done markers) were made at
        // level 3: an auditor can still verify them, and a rerun at level 3 skips their shards.
        Path old = tmp.resolve("old");
        new Reconstruction(snapshot, PiiFilter.standard(), null, 2).run(in, old, QUIET);
        try (Stream<Path> files = Files.list(old)) {
            for (Path file : files.filter(f -> f.toString().endsWith(Reconstruction.DONE) || f.endsWith(RunManifest.FILE)).toList()) {
                Files.writeString(file, Files.readString(file).replaceAll("\"zstdLevel\" ?: ?\\d+,\\s*", "")
                        .replace("\"format\" : 2", "\"format\" : 1"));
            }
        }
        assertThat(Files.readString(old.resolve(RunManifest.FILE))).doesNotContain("zstdLevel").contains("\"format\" : 1");
        assertThat(Files.readString(old.resolve("shard-002.jsonl.zst" + Reconstruction.DONE))).doesNotContain("zstdLevel");
        assertThat(RunVerification.check(old, in)).isEmpty();
        SkippedShards skippedOld = new SkippedShards();
        new Reconstruction(snapshot, PiiFilter.standard(), null, 2).run(in, old, skippedOld);
        assertThat(skippedOld.shards).hasSize(6);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Reconstruction(snapshot, null, null, 1, 0));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Reconstruction(snapshot, null, null, 1, 20));
    }

    /** The number of blocks in a zstd frame, read from their headers (RFC 8878, sections 3.1.1.1 and 3.1.1.2). */
    private static int zstdBlocks(byte[] frame) {
        int descriptor = frame[4] & 0xff;
        boolean singleSegment = (descriptor & 0x20) != 0;
        int contentSizeBytes = switch (descriptor >>> 6) {
            case 0 -> singleSegment ? 1 : 0;
            case 1 -> 2;
            case 2 -> 4;
            default -> 8;
        };
        int at = 5 + (singleSegment ? 0 : 1) + new int[] {0, 1, 2, 4}[descriptor & 3] + contentSizeBytes;
        for (int blocks = 1; ; blocks++) {
            int header = (frame[at] & 0xff) | (frame[at + 1] & 0xff) << 8 | (frame[at + 2] & 0xff) << 16;
            boolean rle = (header >>> 1 & 3) == 1;
            at += 3 + (rle ? 1 : header >>> 3);
            if ((header & 1) != 0) {
                return blocks;
            }
        }
    }

    private static String zstdText(byte[] compressed) throws IOException {
        try (var in = new ZstdInputStream(new ByteArrayInputStream(compressed))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void parquetShardsKeepTheirSchemaAndLoseWhatIsExcluded() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Corpus.parquet(in.resolve("a.parquet"), List.of(
                "{\"text\":\"kept, write to jane.doe@example.com please\",\"id\":\"1\",\"url\":\"https://kept.example.org/a\",\"language_score\":0.75}",
                "{\"text\":\"gone\",\"id\":\"2\",\"url\":\"https://sub.optedout.org/x\"}",
                "{\"id\":\"3\",\"url\":\"https://kept.example.org/no-text\"}",
                "{\"text\":\"plain\",\"id\":\"4\",\"url\":\"https://kept.example.org/b\"}"));
        Files.writeString(in.resolve("b.parquet"), "PAR1 but not really");
        Path out = tmp.resolve("out");

        var manifest = ((Reconstruction.Outcome.Done) reconstruction().run(in, out, QUIET)).manifest();

        RunManifest.Shard a = manifest.shards().getFirst();
        assertThat(List.of(a.documents(), a.kept(), a.redacted(), a.removed(), a.malformed())).containsExactly(3L, 2L, 1L, 1L, 1L);
        List<String> rows = new ArrayList<>();
        var options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (var reader = ParquetFileReader.open(new LocalInputFile(out.resolve("a.parquet")), options)) {
            var schema = reader.getFooter().getFileMetaData().getSchema();
            assertThat(schema).isEqualTo(Corpus.FINEWEB);
            for (var group = reader.readNextRowGroup(); group != null; group = reader.readNextRowGroup()) {
                var records = new ColumnIOFactory().getColumnIO(schema).getRecordReader(group, new GroupRecordConverter(schema));
                for (long r = 0; r < group.getRowCount(); r++) {
                    var row = records.read();
                    rows.add(row.getString("text", 0) + "|" + row.getString("id", 0) + "|"
                            + (row.getFieldRepetitionCount("language_score") > 0 ? row.getDouble("language_score", 0) : "-")
                            + "|" + row.getLong("token_count", 0));
                }
            }
        }
        assertThat(rows).containsExactly("kept, write to <email-pii> please|1|0.75|5", "plain|4|-|1");
        assertThat(Files.readString(out.resolve("a.parquet.quarantine.jsonl"))).startsWith("{\"line\":3,\"reason\":\"needs a string 'text'\"");
        assertThat(manifest.shards().get(1).failed()).startsWith("cannot read: not a valid Parquet file");
    }

    @Test
    void refusesAnOutputInsideTheInput() throws IOException {
        Path in = tmp.resolve("in");
        Corpus.shards(in, 1, 1, 1);
        assertThat(reconstruction().run(in, in.resolve("out"), QUIET)).isInstanceOf(Reconstruction.Outcome.Refused.class);
        assertThat(reconstruction().run(tmp.resolve("missing"), tmp.resolve("out"), QUIET)).isInstanceOf(Reconstruction.Outcome.Refused.class);
    }

    public static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    public static void assertEqualTrees(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((name, bytes) -> assertThat(actual.get(name)).as(name).isEqualTo(bytes));
    }
}

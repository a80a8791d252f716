package io.custodia.optout.reconstruct;

import com.github.luben.zstd.ZstdOutputStream;
import io.custodia.optout.RuleLines;
import io.custodia.optout.index.IndexStore;
import io.custodia.optout.index.Snapshot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import tools.jackson.databind.JsonNode;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Generated FineWeb-like shards and an index with one rule of each kind, for reconstruction tests. */
public final class Corpus {

    static final String PASSAGE = "Call me Ishmael. Some years ago, never mind how long precisely, having little or no money"
            + " in my purse, and nothing particular to interest me on shore, I thought I would sail about a little";

    public static final String RULES = """
            {"kind":"DOMAIN","value":"optedout.org","source":"REQUEST","ref":"req-7","effective":"2026-11-01"}
            {"kind":"URL_PREFIX","value":"https://news.example.com/*/private/","source":"ROBOTS_TXT","ref":"news.example.com","agents":["GPTBot"],"effective":"2025-01-15"}
            {"kind":"URL","value":"https://blog.example.net/post/42","source":"REQUEST","ref":"req-8","effective":"2026-11-02"}
            {"kind":"CONTENT","value":"Moby-Dick, chapter 1","text":"%s","source":"REQUEST","ref":"req-9","effective":"2026-11-03"}
            """.formatted(PASSAGE);

    private static final String[] WORDS = ("the of and to in is that for it as was with be by on not data model open source"
            + " community privacy research university weather city market price news people year report").split(" ");
    private static final String[] HOSTS = {"www.optedout.org", "news.example.com", "blog.example.net", "kept.example.org",
        "other.example.ch"};

    private Corpus() {}

    public static Snapshot index(Path root) throws IOException {
        IndexStore store = new IndexStore(root, Clock.fixed(Instant.parse("2026-11-30T00:00:00Z"), ZoneOffset.UTC));
        var rules = ((RuleLines.Read.Rules) RuleLines.read(new BufferedReader(new StringReader(RULES)))).rules();
        var built = (IndexStore.Building.Built) store.build(rules);
        return ((IndexStore.Opening.Opened) store.open(built.manifest().version())).snapshot();
    }

    /** A Parquet file of FineWeb's schema, snappy-compressed as FineWeb's are, with the documents of these JSON lines. */
    static void parquet(Path file, List<String> lines) throws IOException {
        SimpleGroupFactory rows = new SimpleGroupFactory(FINEWEB);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration()).withType(FINEWEB).withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
            for (String line : lines) {
                JsonNode json = JsonMapper.builder().build().readTree(line);
                Group row = rows.newGroup();
                for (String field : List.of("text", "id", "dump", "url", "date")) {
                    if (json.has(field)) {
                        row.append(field, json.get(field).asString());
                    }
                }
                if (json.has("language_score")) {
                    row.append("language_score", json.get("language_score").asDouble());
                }
                row.append("token_count", (long) json.path("text").asString("").split(" ").length);
                writer.write(row);
            }
        }
    }

    /** One document as a JSON line; about one in ten carries an e-mail address, some are excluded by each rule. */
    static String document(Random random, int id) {
        String host = HOSTS[random.nextInt(HOSTS.length)];
        String path = switch (random.nextInt(4)) {
            case 0 -> "/2024/private/" + id;
            case 1 -> "/post/42";
            default -> "/page/" + id;
        };
        StringBuilder text = new StringBuilder();
        int words = 50 + random.nextInt(400);
        for (int w = 0; w < words; w++) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(w % 12 == 11 ? ". " : " ");
            if (random.nextInt(4000) == 0) {
                text.append("write to jane.doe").append(random.nextInt(100)).append("@example.com ");
            }
            if (random.nextInt(20000) == 0) {
                text.append(PASSAGE.toUpperCase()).append(' ');
            }
        }
        ObjectNode doc = JsonMapper.builder().build().createObjectNode();
        doc.put("text", text.toString());
        doc.put("id", "<urn:uuid:" + id + ">");
        doc.put("dump", "CC-MAIN-2024-10");
        doc.put("url", "https://" + host + path);
        doc.put("date", "2024-02-2" + random.nextInt(10) + "T10:00:00Z");
        doc.put("language_score", 0.5 + random.nextInt(50) / 100.0);
        return doc.toString();
    }

    /** FineWeb's columns, as its Parquet files declare them. */
    static final MessageType FINEWEB = MessageTypeParser.parseMessageType("message document { optional binary text (STRING);"
            + " optional binary id (STRING); optional binary dump (STRING); optional binary url (STRING);"
            + " optional binary date (STRING); optional double language_score; optional int64 token_count; }");

    /** Writes {@code shards} shards of {@code documents} documents each, cycling through the four formats. */
    public static void shards(Path dir, long seed, int shards, int documents) throws IOException {
        Random random = new Random(seed);
        Files.createDirectories(dir.resolve("sub"));
        int id = 0;
        for (int s = 0; s < shards; s++) {
            String name = switch (s % 4) {
                case 0 -> "shard-%03d.jsonl";
                case 1 -> "sub/shard-%03d.jsonl.gz";
                case 2 -> "shard-%03d.jsonl.zst";
                default -> "shard-%03d.parquet";
            };
            Path file = dir.resolve(name.formatted(s));
            if (s % 4 == 3) {
                List<String> lines = new ArrayList<>();
                for (int d = 0; d < documents; d++) {
                    lines.add(document(random, id++));
                }
                parquet(file, lines);
                continue;
            }
            try (OutputStream raw = Files.newOutputStream(file);
                    OutputStream out = s % 4 == 1 ? new GZIPOutputStream(raw) : s % 4 == 2 ? new ZstdOutputStream(raw) : raw) {
                for (int d = 0; d < documents; d++) {
                    out.write((document(random, id++) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }
}

package io.custodia.optout.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Generated inputs for the benchmarks: rules at the scale of the goals, and FineWeb-like documents. */
final class Generated {

    static final long SEED = 20261130L;
    private static final String[] WORDS = ("the of and to in is that for it as was with be by on not he this are or his from at"
            + " which but have an they you were their one all we can her has there been if more when will would who so no"
            + " data model training language open source community privacy policy research university weather city market"
            + " price news people year government report health school music sport team game software update release"
            + " der die und den von zu das mit sich des auf für ist im dem nicht ein eine als auch es werden aus"
            + " de la le et les des en un du une est que pour qui dans par plus pas au sur ne se ce il sont").split(" ");

    private Generated() {}

    static String domain(int i) {
        return "site" + i + ".example" + (i % 997) + ".com";
    }

    static String urlHost(int i) {
        return "pages" + (i % 5000) + ".example.org";
    }

    /** Rules JSONL: {@code domains} DOMAIN rules, {@code urls} URL rules, {@code works} CONTENT rules of about 2 KB. */
    static void rules(Path file, int domains, int urls, int works) throws IOException {
        Random random = new Random(SEED);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < domains; i++) {
                out.write("{\"kind\":\"DOMAIN\",\"value\":\"" + domain(i) + "\",\"source\":\"" + (i % 10 == 0 ? "REQUEST" : "MANUAL")
                        + "\",\"ref\":\"r" + i + "\",\"effective\":\"2025-01-15\"}\n");
            }
            for (int i = 0; i < urls; i++) {
                out.write("{\"kind\":\"URL\",\"value\":\"https://" + urlHost(i) + "/articles/" + i + "\",\"source\":\"REQUEST\",\"ref\":\"u"
                        + i + "\",\"effective\":\"2026-01-01\"}\n");
            }
            for (int i = 0; i < works; i++) {
                out.write("{\"kind\":\"CONTENT\",\"value\":\"work " + i + "\",\"text\":\"" + text(random, 300) + "\",\"source\":\"REQUEST\",\"ref\":\"w"
                        + i + "\",\"effective\":\"2026-01-01\"}\n");
            }
        }
    }

    static String text(Random random, int words) {
        StringBuilder out = new StringBuilder(words * 7);
        for (int w = 0; w < words; w++) {
            out.append(WORDS[random.nextInt(WORDS.length)]);
            // A made-up word now and then, as names and rare words are, so that texts differ.
            if (random.nextInt(6) == 0) {
                out.append(random.nextInt(100_000));
            }
            out.append(w % 14 == 13 ? ". " : " ");
        }
        return out.toString();
    }

    /** One FineWeb-like document of 1 to 10 KB: about 1% of its words personal data, some URLs excluded by the rules. */
    static String document(Random random, long id, int domains) {
        String url = switch (random.nextInt(20)) {
            case 0 -> "https://www." + domain(random.nextInt(domains)) + "/p/" + id;
            case 1 -> "https://" + urlHost(random.nextInt(5000)) + "/articles/" + random.nextInt(200_000);
            default -> "https://blog" + random.nextInt(100_000) + ".example.net/" + id;
        };
        int words = 150 + random.nextInt(1350);
        StringBuilder text = new StringBuilder(words * 8);
        for (int w = 0; w < words; w++) {
            if (random.nextInt(100) == 0) {
                text.append(switch (random.nextInt(4)) {
                    case 0 -> "jane.doe" + random.nextInt(1000) + "@example.com";
                    case 1 -> "+41 44 " + (200 + random.nextInt(700)) + " " + (10 + random.nextInt(90)) + " " + (10 + random.nextInt(90));
                    case 2 -> "CH93 0076 2011 6238 5295 7";
                    default -> (1 + random.nextInt(200)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
                });
            } else {
                text.append(WORDS[random.nextInt(WORDS.length)]);
            }
            text.append(w % 14 == 13 ? ".\\n" : " ");
        }
        return "{\"text\":\"" + text + "\",\"id\":\"<urn:uuid:" + id + ">\",\"dump\":\"CC-MAIN-2024-10\",\"url\":\"" + url
                + "\",\"date\":\"2024-03-01T12:00:00Z\",\"language\":\"en\",\"language_score\":0.93,\"token_count\":" + words + "}";
    }

    /** Shards of zstd JSONL until {@code megabytes} MB of uncompressed JSON; returns the uncompressed bytes written. */
    static long corpus(Path dir, int megabytes, int shards, int domains) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(SEED + 1);
        long perShard = megabytes * 1_000_000L / shards;
        long total = 0;
        long id = 0;
        for (int s = 0; s < shards; s++) {
            try (OutputStream raw = Files.newOutputStream(dir.resolve("shard-%03d.jsonl.zst".formatted(s)));
                    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(new com.github.luben.zstd.ZstdOutputStream(raw, 3), StandardCharsets.UTF_8), 1 << 16)) {
                long written = 0;
                while (written < perShard) {
                    String line = document(random, id++, domains) + "\n";
                    out.write(line);
                    written += line.getBytes(StandardCharsets.UTF_8).length;
                }
                total += written;
            }
        }
        return total;
    }
}

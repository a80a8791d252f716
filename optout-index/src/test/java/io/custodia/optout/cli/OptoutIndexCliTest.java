package io.custodia.optout.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custodia.optout.reconstruct.Corpus;
import io.custodia.optout.reconstruct.ReconstructionTest;
import io.custodia.optout.signals.RobotsImport;
import io.custodia.pii.BundleBuilder;
import io.custodia.pii.IdentifierKind;
import io.custodia.pii.PiiType;
import io.custodia.pii.SigningKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end: signals to rules to index versions to a reconstructed, verified corpus. */
class OptoutIndexCliTest {

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = OptoutIndexCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void fromCrawledSignalsToAVerifiedCorpus() throws IOException {
        Path signals = Files.createDirectories(tmp.resolve("signals"));
        Files.writeString(signals.resolve("robots.jsonl"), """
                {"domain":"news.example.com","robots_txt":"User-agent: GPTBot\\nDisallow: /*/private/\\n\\nUser-agent: *\\nAllow: /\\n","fetched_at":"2025-01-15T08:00:00Z"}
                {"domain":"kept.example.org","robots_txt":null,"fetched_at":"2025-01-15"}
                {"domain":"www.optedout.org","robots_txt":"User-agent: *\\nDisallow: /\\n","fetched_at":"2025-01-15"}
                """);
        Files.writeString(signals.resolve("tdmrep.jsonl"), """
                {"domain":"blog.example.net","tdmrep_json":[{"location":"/post/","tdm-reservation":1}],"fetched_at":"2025-02-01"}
                {"domain":"broken.example","tdmrep_json":"{not json","fetched_at":"2025-02-01"}
                """);
        Path robotsRules = tmp.resolve("robots-rules.jsonl");
        Path tdmRules = tmp.resolve("tdm-rules.jsonl");
        Run robots = cli("import-robots", "--in", signals.resolve("robots.jsonl").toString(), "--out", robotsRules.toString());
        assertThat(robots.exit()).as(robots.err()).isZero();
        assertThat(robots.out()).contains("2 rules from 2 hosts");
        Run tdm = cli("import-tdmrep", "--in", signals.resolve("tdmrep.jsonl").toString(), "--out", tdmRules.toString());
        assertThat(tdm.exit()).as(tdm.err()).isZero();
        assertThat(tdm.out()).contains("1 rules").contains("1 files not TDMRep");

        Path index = tmp.resolve("index");
        Run build = cli("build", "--index", index.toString(), robotsRules.toString());
        assertThat(build.exit()).as(build.err()).isZero();
        assertThat(build.out()).startsWith("version 000001: 2 rules");
        Path requests = tmp.resolve("requests.jsonl");
        Files.writeString(requests, Corpus.RULES);
        Run apply = cli("apply", "--index", index.toString(), "--add", requests.toString(), "--add", tdmRules.toString());
        assertThat(apply.exit()).as(apply.err()).isZero();
        // The robots.txt rule among the test rules is the one just imported: same rule, same id, kept once.
        assertThat(apply.out()).startsWith("version 000002 (from 000001): 6 rules");

        Run inspect = cli("inspect", "--index", index.toString(), "--url", "https://news.example.com/2024/private/1");
        assertThat(inspect.out()).contains("version 000002").contains("Excluded[").contains("source=ROBOTS_TXT");
        // A URL list, longer than one chunk of the command, comes back line for line and in order; the byte order mark
        // that some editors write first is not part of the first URL.
        StringBuilder list = new StringBuilder("\uFEFFhttps://news.example.com/2024/private/1\n\nnot a url\n");
        for (int i = 0; i < 9_000; i++) {
            list.append(i % 3 == 0 ? "https://WWW.OPTEDOUT.ORG/page/" : "https://kept.example.org/page/").append(i).append('\n');
        }
        Path urls = tmp.resolve("urls.txt");
        Files.writeString(urls, list);
        Run check = cli("check-urls", "--index", index.toString(), urls.toString());
        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.err()).contains("9003 URLs checked against version 000002: 3001 excluded");
        List<String> lines = check.out().lines().toList();
        assertThat(lines).hasSize(9_003);
        assertThat(lines.get(0)).startsWith("EXCLUDED\thttps://news.example.com/2024/private/1\t").endsWith("\tURL_PREFIX\tROBOTS_TXT");
        assertThat(lines.subList(1, 3)).containsExactly("KEPT\t", "KEPT\tnot a url");
        for (int i = 0; i < 9_000; i++) {
            assertThat(lines.get(3 + i)).startsWith(i % 3 == 0 ? "EXCLUDED\thttps://WWW.OPTEDOUT.ORG/page/" + i + "\t"
                    : "KEPT\thttps://kept.example.org/page/" + i);
        }
        Path notUtf8 = tmp.resolve("latin1.txt");
        Files.write(notUtf8, "https://kept.example.org/\nhttps://caf\u00e9.example/\n".getBytes(StandardCharsets.ISO_8859_1));
        Run refused = cli("check-urls", "--index", index.toString(), notUtf8.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("latin1.txt is not UTF-8 (at or after line 1)");
        Run byRef = cli("inspect", "--index", index.toString(), "--version", "000002", "--ref", "req-9");
        assertThat(byRef.out()).contains("\"kind\":\"CONTENT\"").doesNotContain("Ishmael");

        Path in = tmp.resolve("in");
        Corpus.shards(in, 7, 3, 200);
        Path out = tmp.resolve("out");
        Run reconstruct = cli("reconstruct", "--index", index.toString(), "--in", in.toString(), "--out", out.toString(), "--threads", "2");
        assertThat(reconstruct.exit()).as(reconstruct.err()).isZero();
        assertThat(reconstruct.out()).contains("index 000002, bundle none").contains("removed:DOMAIN");
        assertThat(reconstruct.err()).contains("3/3 shards");
        Run verify = cli("verify-run", "--run", out.toString(), "--in", in.toString());
        assertThat(verify.exit()).as(verify.err()).isZero();

        Files.writeString(in.resolve("shard-000.jsonl"), "{\"text\":\"changed\"}\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        Run changed = cli("verify-run", "--run", out.toString(), "--in", in.toString());
        assertThat(changed.exit()).isEqualTo(1);
        assertThat(changed.err()).contains("input shard-000.jsonl differs from the one the run read");
    }

    @Test
    void badInputIsExitOneAndWritesNothingBadUsageIsExitTwo() throws IOException {
        Path rules = tmp.resolve("rules.jsonl");
        Files.writeString(rules, """
                {"kind":"DOMAIN","value":"fine.org","source":"REQUEST","effective":"2026-01-01"}
                {"kind":"DOMAIN","value":"co.uk","source":"REQUEST","effective":"2026-01-01"}
                """);
        Path index = tmp.resolve("index");
        Run bad = cli("build", "--index", index.toString(), rules.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("rules.jsonl line 2: value: not a domain beneath a public suffix");
        assertThat(index).doesNotExist();

        assertThat(cli("build", "--index", index.toString(), tmp.resolve("missing.jsonl").toString()).exit()).isEqualTo(1);
        Path twice = tmp.resolve("twice.jsonl");
        Files.writeString(twice, "{\"kind\":\"DOMAIN\",\"value\":\"fine.org\",\"value\":\"other.org\",\"source\":\"REQUEST\",\"effective\":\"2026-01-01\"}\n");
        Run duplicate = cli("build", "--index", index.toString(), twice.toString());
        assertThat(duplicate.exit()).isEqualTo(1);
        assertThat(duplicate.err()).contains("twice.jsonl line 1: not valid JSON: a field appears twice in one object");
        assertThat(index).doesNotExist();
        assertThat(cli("inspect", "--index", index.toString()).err()).contains("there is no index version");
        Run noList = cli("check-urls", "--index", index.toString(), tmp.resolve("missing.txt").toString());
        assertThat(noList.exit()).isEqualTo(1);
        assertThat(noList.err()).contains("there is no index version");
        assertThat(cli("inspect", "--index", index.toString(), "--version", "x").err()).contains("six digits");
        assertThat(cli("build").exit()).isEqualTo(2);
        assertThat(cli("reconstruct", "--index", index.toString()).exit()).isEqualTo(2);
        for (String level : List.of("0", "20", "fast")) {
            Run badLevel = cli("reconstruct", "--index", index.toString(), "--in", tmp.toString(), "--out", tmp.resolve("o").toString(),
                    "--zstd-level", level);
            assertThat(badLevel.exit()).as(level).isEqualTo(2);
            assertThat(badLevel.err()).as(level).contains("--zstd-level");
        }
        assertThat(tmp.resolve("o")).doesNotExist();
        assertThat(cli("frobnicate").exit()).isEqualTo(2);
        assertThat(cli("apply", "--index", index.toString()).exit()).isEqualTo(2);
    }

    @Test
    void signalsFromADirectoryForTheAgentsChosen() throws IOException {
        // The default is the list: the twelve agents whose reservations Apertus honoured.
        assertThat(RobotsImport.APERTUS_AGENTS).containsExactlyInAnyOrder("AI2Bot",
                "Applebot-Extended", "Bytespider", "CCBot", "ClaudeBot", "cohere-training-data-crawler", "Diffbot",
                "FacebookBot", "Meta-ExternalAgent", "Google-Extended", "GPTBot", "PanguBot");
        Path signals = Files.createDirectories(tmp.resolve("signals"));
        Files.writeString(signals.resolve("a.jsonl"), """
                {"domain":"news.example.com","robots_txt":"User-agent: GPTBot\\nDisallow: /gpt-only/\\n\\nUser-agent: CCBot\\nDisallow: /cc-only/\\n","fetched_at":"2025-01-15"}
                """);
        Files.writeString(signals.resolve("b.jsonl"), """
                {"domain":"other.example.org","robots_txt":"User-agent: *\\nDisallow: /everyone/\\n","fetched_at":"2025-01-15"}
                """);
        Files.writeString(signals.resolve("notes.txt"), "not a signals file, and not read\n");

        Path every = tmp.resolve("every.jsonl");
        Run defaults = cli("import-robots", "--in", signals.toString(), "--out", every.toString());
        assertThat(defaults.exit()).as(defaults.err()).isZero();
        assertThat(defaults.out()).contains("from 2 hosts");
        assertThat(Files.readString(every)).contains("/gpt-only/").contains("/cc-only/").contains("/everyone/")
                .contains("\"PanguBot\"");

        Path chosen = tmp.resolve("chosen.jsonl");
        Run ccbot = cli("import-robots", "--in", signals.toString(), "--out", chosen.toString(), "--agents", "CCBot");
        assertThat(ccbot.exit()).as(ccbot.err()).isZero();
        List<String> rules = Files.readAllLines(chosen);
        assertThat(rules).hasSize(2).allSatisfy(rule -> assertThat(rule).contains("\"agents\":[\"CCBot\"]"));
        assertThat(String.join("\n", rules)).contains("/cc-only/").contains("/everyone/").doesNotContain("/gpt-only/");

        // A malformed record stops the import with its file and line, and no rules file is written: an index built from
        // part of the signals would look complete and silently miss the rest.
        Files.writeString(signals.resolve("c.jsonl"), """
                {"domain":"fine.example.net","robots_txt":null,"fetched_at":"2025-01-15"}
                {"domain":"https://bad.example.net/","robots_txt":null,"fetched_at":"2025-01-15"}
                """);
        Path none = tmp.resolve("none.jsonl");
        Run bad = cli("import-robots", "--in", signals.toString(), "--out", none.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("c.jsonl line 2: domain must be a host name");
        assertThat(none).doesNotExist();
    }

    @Test
    void aSignedPiiBundleIsCheckedAndWhatItNamesIsRedacted() throws Exception {
        Path index = indexOfTestRules();
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("shard-000.jsonl"), """
                {"id":"d1","url":"https://kept.example.org/1","text":"A letter from Greta Nordmann about the harbour."}
                {"id":"d2","url":"https://kept.example.org/2","text":"Nothing personal in this one."}
                """);
        KeyPair keys = SigningKeys.generate();
        Path publicKey = tmp.resolve("signer.pem");
        Files.writeString(publicKey, SigningKeys.publicPem(keys.getPublic()));
        Instant now = Instant.now();
        Path fresh = bundle(tmp.resolve("fresh.bundle"), "2026.12.1", now.plus(Duration.ofDays(30)), keys.getPrivate());
        Path stale = bundle(tmp.resolve("stale.bundle"), "2026.10.1", now.minus(Duration.ofDays(1)), keys.getPrivate());

        Path out = tmp.resolve("out");
        Run run = cli("reconstruct", "--index", index.toString(), "--in", in.toString(), "--out", out.toString(),
                "--pii-bundle", fresh.toString(), "--public-key", publicKey.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("index 000001, bundle 2026.12.1");
        String corpus = Files.readString(out.resolve("shard-000.jsonl"));
        assertThat(corpus).doesNotContain("Greta Nordmann").contains(PiiType.NAME.marker()).contains("Nothing personal in this one.");
        assertThat(Files.readString(out.resolve("run-manifest.json"))).contains("\"bundleVersion\" : \"2026.12.1\"");
        assertThat(cli("verify-run", "--run", out.toString(), "--in", in.toString()).exit()).isZero();

        Run refused = cli("reconstruct", "--index", index.toString(), "--in", in.toString(), "--out", tmp.resolve("o1").toString(),
                "--pii-bundle", stale.toString(), "--public-key", publicKey.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("the bundle is stale").contains("--allow-stale");
        Run allowed = cli("reconstruct", "--index", index.toString(), "--in", in.toString(), "--out", tmp.resolve("o2").toString(),
                "--pii-bundle", stale.toString(), "--public-key", publicKey.toString(), "--allow-stale");
        assertThat(allowed.exit()).as(allowed.err()).isZero();
        assertThat(allowed.out()).contains("bundle 2026.10.1");

        Path otherKey = tmp.resolve("other.pem");
        Files.writeString(otherKey, SigningKeys.publicPem(SigningKeys.generate().getPublic()));
        Run forged = cli("reconstruct", "--index", index.toString(), "--in", in.toString(), "--out", tmp.resolve("o3").toString(),
                "--pii-bundle", fresh.toString(), "--public-key", otherKey.toString());
        assertThat(forged.exit()).isEqualTo(1);
        assertThat(forged.err()).contains("bundle rejected");
        Run unsigned = cli("reconstruct", "--index", index.toString(), "--in", in.toString(), "--out", tmp.resolve("o4").toString(),
                "--pii-bundle", fresh.toString());
        assertThat(unsigned.exit()).isEqualTo(1);
        assertThat(unsigned.err()).contains("--public-key");
        for (String refusedOut : List.of("o1", "o3", "o4")) {
            assertThat(tmp.resolve(refusedOut)).as(refusedOut).doesNotExist();
        }
    }

    private static Path bundle(Path file, String version, Instant validUntil, PrivateKey signer) throws IOException {
        BundleBuilder builder = new BundleBuilder("CH", BundleBuilder.randomKey());
        builder.add(IdentifierKind.NAME, "Greta Nordmann");
        Instant created = validUntil.minus(Duration.ofDays(60));
        Files.write(file, builder.build(new BundleBuilder.Release(version, created, validUntil, "test-key"), signer));
        return file;
    }

    @Test
    void aRunKilledMidwayResumesAndEndsWithTheSameBytes() throws Exception {
        Path index = indexOfTestRules();
        Path in = tmp.resolve("in");
        Corpus.shards(in, 11, 24, 400);
        Path whole = tmp.resolve("whole");
        Run first = cli("reconstruct", "--index", index.toString(), "--in", in.toString(), "--out", whole.toString());
        assertThat(first.exit()).as(first.err()).isZero();

        Path killed = tmp.resolve("killed");
        Process process = child("reconstruct", "--index", index.toString(), "--in", in.toString(), "--out", killed.toString(),
                "--threads", "1").redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> doneMarkers(killed) >= 1);
        process.destroyForcibly().waitFor();
        assertThat(killed.resolve("run-manifest.json")).as("killed before it finished").doesNotExist();
        assertThat(doneMarkers(killed)).isLessThan(24);

        Run resumed = cli("reconstruct", "--index", index.toString(), "--in", in.toString(), "--out", killed.toString());
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        Map<String, byte[]> expected = ReconstructionTest.tree(whole);
        ReconstructionTest.assertEqualTrees(expected, ReconstructionTest.tree(killed));
    }

    @Test
    void checkUrlsReadsStandardInputWhenGivenNoFile() throws Exception {
        Path index = indexOfTestRules();
        Process process = child("check-urls", "--index", index.toString()).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write("https://news.example.com/2024/private/1\nhttps://elsewhere.example/\n".getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(err).isZero();
        assertThat(out.lines().toList()).hasSize(2).satisfiesExactly(
                line -> assertThat(line).startsWith("EXCLUDED\thttps://news.example.com/2024/private/1\t"),
                line -> assertThat(line).isEqualTo("KEPT\thttps://elsewhere.example/"));
        assertThat(err).contains("2 URLs checked against version 000001: 1 excluded");
    }

    /** An index of the test corpus' rules, version 000001. */
    private Path indexOfTestRules() throws IOException {
        Path index = tmp.resolve("index");
        Path rules = tmp.resolve("rules.jsonl");
        Files.writeString(rules, Corpus.RULES);
        assertThat(cli("build", "--index", index.toString(), rules.toString()).exit()).isZero();
        return index;
    }

    /** The command line in a JVM of its own, on this test's class path. */
    private static ProcessBuilder child(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OptoutIndexCli.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static long doneMarkers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        // Names only: walking the tree reads each entry's attributes, and the running child renames its temporary files.
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".done.json")).count();
        }
    }
}

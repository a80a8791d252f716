package io.custodia.pii.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PiiFilterCliTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = PiiFilterCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @BeforeEach
    void keys() {
        assertThat(cli("bundle", "keygen", "--private-key", dir.resolve("k.pem").toString(),
                "--public-key", dir.resolve("p.pem").toString()).exit()).isZero();
    }

    @Test
    void aJsonLineLargerThanTheHeapIsBadInputWithAMessageAndNothingWritten() throws Exception {
        Path in = dir.resolve("big.jsonl");
        try (var out = Files.newOutputStream(in)) {
            out.write("{\"text\":\"mail jane@example.org\"}\n{\"text\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] megabyte = "a".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 96; i++) {
                out.write(megabyte);
            }
            out.write("\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        Path output = dir.resolve("out.jsonl");
        // In a JVM of its own with a small heap, so that the line cannot fit.
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), PiiFilterCli.class.getName(),
                "redact", "--jsonl", in.toString(), "-o", output.toString()).redirectErrorStream(true).start();
        String said = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor()).as(said).isEqualTo(1);
        assertThat(said).contains("pii-filter: out of memory").doesNotContain("\tat ");
        assertThat(output).doesNotExist();
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".pii-filter-"));
        }
    }

    @Test
    void redactsAPlainTextFileIntoAnOutputFile() throws Exception {
        Path in = file("in.txt", "Mail jane@example.org\nor call +41 44 668 18 00.\n");
        Path out = dir.resolve("out.txt");
        Run run = cli("redact", in.toString(), "-o", out.toString());
        assertThat(run.exit()).isZero();
        assertThat(Files.readString(out)).isEqualTo("Mail <email-pii>\nor call <phone-pii>.\n");
        assertThat(run.err()).contains("2 values redacted").doesNotContain("jane");
    }

    @Test
    void redactsAJsonlFieldAndDropsWhatThePolicySays() throws Exception {
        // A byte order mark first, as some editors write it, is the file's, not part of the first object.
        Path in = file("in.jsonl", """
                \uFEFF{"id":"a","body":"mail jane@example.org","url":"https://x.example"}
                {"id":"b","body":"IBAN CH93 0076 2011 6238 5295 7"}

                {"id":"c","body":"nothing here"}
                """);
        Run run = cli("redact", "--jsonl", "--field", "body", "--policy", "IBAN=DROP_DOCUMENT", in.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("""
                {"id":"a","body":"mail <email-pii>","url":"https://x.example"}
                {"id":"c","body":"nothing here"}
                """);
        assertThat(run.err()).contains("2 documents written, 1 dropped");
    }

    @Test
    void scanReportsTypesCountsAndOffsetsButNoValues() throws Exception {
        Path in = file("in.jsonl", "{\"text\":\"from 8.8.8.8 to jane@example.org\"}\n");
        Run run = cli("scan", "--jsonl", in.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out().strip()).isEqualTo("{\"line\":1,\"counts\":{\"EMAIL\":1,\"IP_ADDRESS\":1},\"findings\":["
                + "{\"type\":\"IP_ADDRESS\",\"start\":5,\"end\":12},{\"type\":\"EMAIL\",\"start\":16,\"end\":32}]}");
    }

    @Test
    void badInputIsExit1WithALineNumberAndNoOutputFile() throws Exception {
        Path in = file("in.jsonl", "{\"text\":\"jane@example.org\"}\n{broken\n");
        Path out = dir.resolve("out.jsonl");
        Run run = cli("redact", "--jsonl", in.toString(), "-o", out.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("line 2 is not valid JSON");
        assertThat(out).doesNotExist();
        assertThat(cli("redact", "--jsonl", file("x.jsonl", "{\"other\":1}\n").toString()).err()).contains("no text field 'text'");
        // Readers differ on which of two equal fields counts: the one with the address must not pass as "clean".
        Run twice = cli("redact", "--jsonl", file("d.jsonl", "{\"text\":\"mail jane@example.org\",\"text\":\"clean\"}\n").toString());
        assertThat(twice.exit()).isEqualTo(1);
        assertThat(twice.err()).contains("line 1 is not valid JSON: a field appears twice in one object");
        assertThat(twice.out()).isEmpty();
        assertThat(cli("redact", dir.resolve("missing.txt").toString()).exit()).isEqualTo(1);
    }

    @Test
    void regionsAreCheckedKeysAreNeverOverwrittenAndBadBytesAreNamed() throws Exception {
        Path text = file("t.txt", "Tel. 044 668 18 00");
        assertThat(cli("redact", text.toString(), "--region", "ch").out()).isEqualTo("Tel. <phone-pii>");
        Run unknown = cli("redact", text.toString(), "--region", "XX");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("--region XX");

        String key = Files.readString(dir.resolve("k.pem"));
        Run again = cli("bundle", "keygen", "--private-key", dir.resolve("k.pem").toString(), "--public-key", dir.resolve("p2.pem").toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("refusing to overwrite");
        assertThat(Files.readString(dir.resolve("k.pem"))).isEqualTo(key);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("k.pem"))))
                .isEqualTo("rw-------");

        Path latin1 = Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xe9});
        Run bad = cli("redact", latin1.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("not valid UTF-8");
    }

    @Test
    void badUsageIsExit2() {
        assertThat(cli("redact", "--bogus").exit()).isEqualTo(2);
        assertThat(cli("redact", "--policy", "IBAN=SHRED").exit()).isEqualTo(2);
        assertThat(cli("frobnicate").exit()).isEqualTo(2);
        assertThat(cli("bundle", "build").exit()).isEqualTo(2);
    }

    @Test
    void bundlesAreBuiltVerifiedInspectedAndApplied() throws Exception {
        Path ids = file("ids.jsonl", """
                {"kind":"NAME","value":"Jane Doe"}
                {"names":["Zoë Brontë"],"emails":["z@example.org"],"phones":["044 668 18 00"],"other":["--"]}
                """);
        Path bundle = dir.resolve("b.bin");
        Run build = cli("bundle", "build", ids.toString(), "-o", bundle.toString(), "--private-key", dir.resolve("k.pem").toString(),
                "--key-id", "k1", "--bundle-version", "2026.11.1");
        assertThat(build.exit()).as(build.err()).isZero();
        assertThat(build.err()).contains("1 identifiers skipped");

        Run verify = cli("bundle", "verify", bundle.toString(), "--public-key", dir.resolve("p.pem").toString());
        assertThat(verify.exit()).isZero();
        assertThat(verify.out()).contains("valid: bundle 2026.11.1, 4 entries, signed with key k1");

        Run inspect = cli("bundle", "inspect", bundle.toString(), "--public-key", dir.resolve("p.pem").toString());
        assertThat(inspect.out()).contains("count.NAME: 2", "count.EMAIL: 1", "count.PHONE: 1", "stale: false")
                .doesNotContain("hash-key").doesNotContain("Jane").doesNotContain("example");

        Path text = file("t.txt", "Dear JANE DOE and Zoe Bronte,");
        Run applied = cli("redact", text.toString(), "--bundle", bundle.toString(), "--public-key", dir.resolve("p.pem").toString());
        assertThat(applied.out()).isEqualTo("Dear <name-pii> and <name-pii>,");
    }

    @Test
    void tamperedOrStaleBundlesAreRefused() throws Exception {
        Path ids = file("ids.jsonl", "{\"kind\":\"NAME\",\"value\":\"Jane Doe\"}\n");
        Path bundle = dir.resolve("b.bin");
        assertThat(cli("bundle", "build", ids.toString(), "-o", bundle.toString(), "--private-key", dir.resolve("k.pem").toString(),
                "--key-id", "k1", "--bundle-version", "v", "--valid-for", "PT0S").exit()).isZero();
        String key = dir.resolve("p.pem").toString();
        Run stale = cli("bundle", "verify", bundle.toString(), "--public-key", key);
        assertThat(stale.exit()).isEqualTo(1);
        assertThat(stale.err()).contains("is stale");
        assertThat(cli("bundle", "verify", bundle.toString(), "--public-key", key, "--allow-stale").out()).contains("STALE since");

        byte[] bytes = Files.readAllBytes(bundle);
        bytes[bytes.length / 2] ^= 1;
        Path tampered = Files.write(dir.resolve("t.bin"), bytes);
        Run rejected = cli("bundle", "verify", tampered.toString(), "--public-key", key, "--allow-stale");
        assertThat(rejected.exit()).isEqualTo(1);
        assertThat(rejected.err()).contains("signature does not match");
        assertThat(cli("redact", file("x.txt", "x").toString(), "--bundle", tampered.toString(), "--public-key", key).exit()).isEqualTo(1);
    }
}

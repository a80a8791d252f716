package io.custodia.optout.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.optout.RuleLines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexStoreTest {

    static final String PASSAGE = "It was the best of times, it was the worst of times, it was the age of wisdom, it was"
            + " the age of foolishness, it was the epoch of belief, it was the epoch of incredulity";

    static final String RULES = """
            {"kind":"DOMAIN","value":"Example.ORG","source":"REQUEST","ref":"req-1","agents":["*"],"effective":"2026-11-01"}
            {"kind":"URL","value":"https://news.example.net:443/a/b?x=1#top","source":"REQUEST","ref":"req-2","effective":"2026-11-02"}
            {"kind":"URL_PREFIX","value":"https://blog.example.com/private/","source":"MANUAL","ref":"court order 12","effective":"2026-11-03"}
            {"kind":"URL_PREFIX","value":"https://shop.example.com/*.pdf$","allow":["https://shop.example.com/public/*"],"source":"ROBOTS_TXT","ref":"shop.example.com","agents":["GPTBot"],"effective":"2025-01-15"}
            {"kind":"CONTENT","value":"A Tale of Two Cities, opening","text":"%s","source":"REQUEST","ref":"req-3","effective":"2026-11-04"}
            """.formatted(PASSAGE);

    @TempDir
    Path root;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    static List<RuleLines.Input> rules(String jsonl) throws IOException {
        return ((RuleLines.Read.Rules) RuleLines.read(new BufferedReader(new StringReader(jsonl)))).rules();
    }

    private Snapshot built(IndexStore store, List<RuleLines.Input> rules) throws IOException {
        Manifest manifest = ((IndexStore.Building.Built) store.build(rules)).manifest();
        return ((IndexStore.Opening.Opened) store.open(manifest.version())).snapshot();
    }

    @Test
    void theRulesDigestIsTheSha256OfEveryCanonicalLineInIdOrder() throws Exception {
        // More rules than one chunk of the parallel digest and enough for two indexing threads, so that chunks, waves
        // and segments written by each worker must all come together in order; CONTENT rules, whose fingerprints
        // follow on a line of their own, are spread among them.
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            if (i % 997 == 0) {
                jsonl.append("{\"kind\":\"CONTENT\",\"value\":\"work ").append(i).append("\",\"text\":\"").append(i).append(' ')
                        .append(PASSAGE).append("\",\"source\":\"REQUEST\",\"ref\":\"req-").append(i).append("\",\"effective\":\"2026-11-01\"}\n");
            }
            jsonl.append("{\"kind\":\"DOMAIN\",\"value\":\"site").append(i)
                    .append(".example.org\",\"source\":\"MANUAL\",\"effective\":\"2026-11-01\"}\n");
        }
        List<RuleLines.Input> rules = rules(jsonl.toString());
        IndexStore store = new IndexStore(root, clock);
        Manifest manifest = ((IndexStore.Building.Built) store.build(rules)).manifest();
        assertThat(manifest.kinds()).containsEntry("CONTENT", 41);
        // Each rule written alone, as a rules file has it, and a CONTENT rule's fingerprints as Arrays.toString.
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (RuleLines.Input input : rules.stream().sorted(Comparator.comparing(input -> input.rule().id())).toList()) {
            StringWriter line = new StringWriter();
            RuleLines.write(line, input.rule(), null);
            if (input.text() != null) {
                line.append(Arrays.toString(Shingles.DEFAULT.of(input.text()))).append('\n');
            }
            sha.update(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        assertThat(manifest.rulesSha256()).isEqualTo(HexFormat.of().formatHex(sha.digest()));
        assertThat(((IndexStore.Opening.Opened) store.open(manifest.version())).snapshot().find("host", "site39999.example.org"))
                .hasSize(1);
    }

    @Test
    void buildsAVersionWithAManifestAndChecksAgainstIt() throws IOException {
        IndexStore store = new IndexStore(root, clock);
        Snapshot snapshot = built(store, rules(RULES));
        Manifest manifest = snapshot.manifest();
        assertThat(manifest.version()).isEqualTo("000001");
        assertThat(manifest.parent()).isNull();
        assertThat(manifest.created()).isEqualTo(clock.instant());
        assertThat(manifest.rules()).isEqualTo(5);
        assertThat(manifest.kinds()).containsEntry("DOMAIN", 1).containsEntry("URL", 1).containsEntry("URL_PREFIX", 2).containsEntry("CONTENT", 1);
        assertThat(manifest.sources()).containsEntry("REQUEST", 3).containsEntry("MANUAL", 1).containsEntry("ROBOTS_TXT", 1);
        assertThat(manifest.requests()).containsExactly("req-1", "req-2", "req-3");
        assertThat(manifest.files()).isNotEmpty().allSatisfy((name, sha) -> assertThat(sha).hasSize(64));

        assertThat(snapshot.checkUrl("https://www.example.org/anything")).isInstanceOf(Verdict.Excluded.class);
        assertThat(snapshot.checkUrl("http://EXAMPLE.org")).isInstanceOf(Verdict.Excluded.class);
        assertThat(snapshot.checkUrl("https://example.org.evil.com/")).isEqualTo(Verdict.KEPT);
        assertThat(snapshot.checkUrl("https://notexample.org/")).isEqualTo(Verdict.KEPT);
        assertThat(snapshot.checkUrl("http://news.example.net/a/b?x=1")).isInstanceOf(Verdict.Excluded.class);
        assertThat(snapshot.checkUrl("https://news.example.net/a/b?x=2")).isEqualTo(Verdict.KEPT);
        assertThat(snapshot.checkUrl("https://blog.example.com/private/2024/post")).isInstanceOf(Verdict.Excluded.class);
        assertThat(snapshot.checkUrl("https://blog.example.com/public")).isEqualTo(Verdict.KEPT);
        assertThat(snapshot.checkUrl("https://shop.example.com/files/price.pdf")).isInstanceOf(Verdict.Excluded.class);
        assertThat(snapshot.checkUrl("https://shop.example.com/public/price.pdf")).isEqualTo(Verdict.KEPT);
        assertThat(snapshot.checkUrl("https://shop.example.com/files/price.pdf?v=2")).isEqualTo(Verdict.KEPT);
        assertThat(snapshot.checkUrl("ftp://example.org/")).isEqualTo(Verdict.KEPT);
    }

    @Test
    void oneExactHostWithoutTheHostsBeneathItIsAUrlPrefixOnItsRoot() throws IOException {
        Snapshot snapshot = built(new IndexStore(root, clock), rules("""
                {"kind":"URL_PREFIX","value":"https://Blog.Example.org","source":"REQUEST","ref":"req-7","effective":"2026-11-05"}
                """));
        for (String url : List.of("https://blog.example.org/", "https://blog.example.org", "http://BLOG.example.org/a/b?c",
                "https://blog.example.org:443/x")) {
            assertThat(snapshot.checkUrl(url)).as(url).isInstanceOf(Verdict.Excluded.class);
        }
        for (String url : List.of("https://www.blog.example.org/a", "https://example.org/", "https://blog.example.org.evil.com/",
                "https://blog.example.organic.com/")) {
            assertThat(snapshot.checkUrl(url)).as(url).isEqualTo(Verdict.KEPT);
        }
    }

    @Test
    void findsAPassageEmbeddedInALongerDocumentThroughReformatting() throws IOException {
        Snapshot snapshot = built(new IndexStore(root, clock), rules(RULES));
        String reformatted = "Chapter 1\n\nIT WAS THE BEST OF TIMES,\n   it was the worst   of times; it was the age...";
        Verdict hit = snapshot.check("https://elsewhere.org/page", "Some preface. " + reformatted + " And then more text.");
        assertThat(hit).isInstanceOfSatisfying(Verdict.Excluded.class, e -> assertThat(e.kind().name()).isEqualTo("CONTENT"));
        // Seven words of it, or the same words in another order, are not a copy.
        assertThat(snapshot.check("https://elsewhere.org/page", "it was the best of times, it")).isEqualTo(Verdict.KEPT);
        assertThat(snapshot.check("https://elsewhere.org/page", "times best the of was it, worst the of times was it"))
                .isEqualTo(Verdict.KEPT);
    }

    @Test
    void aSnapshotIsReadOnlyAndATamperedFileMakesItUnusable() throws IOException {
        IndexStore store = new IndexStore(root, clock);
        Manifest manifest = ((IndexStore.Building.Built) store.build(rules(RULES))).manifest();
        Path dir = root.resolve(manifest.version());
        Path file = dir.resolve(manifest.files().keySet().iterator().next());
        // Permissions, not Files.isWritable: tests may run as root, whom no permission stops.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r--r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("r-xr-xr-x");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        assertThat(store.open(manifest.version())).isInstanceOfSatisfying(IndexStore.Opening.Unusable.class,
                u -> assertThat(u.reason()).contains("does not match its checksum"));
    }

    @Test
    void anExtraFileMakesItUnusableAndUnknownVersionsAreRefused() throws IOException {
        IndexStore store = new IndexStore(root, clock);
        Manifest manifest = ((IndexStore.Building.Built) store.build(rules(RULES))).manifest();
        Path dir = root.resolve(manifest.version());
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(dir.resolve("_9.cfs"), "planted");
        assertThat(store.open(manifest.version())).isInstanceOf(IndexStore.Opening.Unusable.class);
        assertThat(store.open("000042")).isInstanceOf(IndexStore.Opening.Unusable.class);
        assertThat(store.open("../etc")).isInstanceOf(IndexStore.Opening.Unusable.class);
    }

    @Test
    void applyingADeltaEqualsAFullRebuild() throws IOException {
        IndexStore store = new IndexStore(root, clock);
        List<RuleLines.Input> all = rules(RULES);
        Manifest base = ((IndexStore.Building.Built) store.build(all.subList(0, 3))).manifest();
        String removed = all.get(1).rule().id();
        Manifest applied = ((IndexStore.Building.Built) store.apply(base.version(), all.subList(3, 5), Set.of(removed))).manifest();
        assertThat(applied.version()).isEqualTo("000002");
        assertThat(applied.parent()).isEqualTo("000001");

        List<RuleLines.Input> expected = Stream.concat(Stream.of(all.get(0), all.get(2)), all.subList(3, 5).stream()).toList();
        Manifest rebuilt = ((IndexStore.Building.Built) store.build(expected)).manifest();
        assertThat(applied.rulesSha256()).isEqualTo(rebuilt.rulesSha256());
        assertThat(applied.kinds()).isEqualTo(rebuilt.kinds());
        assertThat(applied.requests()).isEqualTo(rebuilt.requests()).containsExactly("req-1", "req-3");
        assertThat(applied.rulesSha256()).isNotEqualTo(base.rulesSha256());

        Snapshot snapshot = ((IndexStore.Opening.Opened) store.open(applied.version())).snapshot();
        assertThat(snapshot.checkUrl("https://news.example.net/a/b?x=1")).isEqualTo(Verdict.KEPT);
        assertThat(snapshot.find("ref", "req-3")).singleElement().satisfies(r -> assertThat(r.kind().name()).isEqualTo("CONTENT"));
        // The earlier version is still there, unchanged.
        Snapshot first = ((IndexStore.Opening.Opened) store.open("000001")).snapshot();
        assertThat(first.checkUrl("https://news.example.net/a/b?x=1")).isInstanceOf(Verdict.Excluded.class);
    }

    @Test
    void refusesRemovingARuleThatIsNotThereAndTwoRulesWithOneId() throws IOException {
        IndexStore store = new IndexStore(root, clock);
        Manifest base = ((IndexStore.Building.Built) store.build(rules(RULES))).manifest();
        assertThat(store.apply(base.version(), List.of(), Set.of("d-nothere"))).isInstanceOf(IndexStore.Building.Refused.class);
        String clash = """
                {"id":"r1","kind":"DOMAIN","value":"a.org","source":"MANUAL","effective":"2026-01-01"}
                {"id":"r1","kind":"DOMAIN","value":"b.org","source":"MANUAL","effective":"2026-01-01"}
                """;
        assertThat(store.build(rules(clash))).isEqualTo(new IndexStore.Building.Refused("rule id r1 is used by two different rules"));
        assertThat(store.apply(base.version(), rules(clash), Set.of()))
                .isEqualTo(new IndexStore.Building.Refused("rule id r1 is used by two different rules"));
        assertThat(store.versions()).containsExactly("000001");
        // The same rule twice, among others, is one rule.
        String twice = RULES + RULES.lines().findFirst().orElseThrow() + "\n";
        assertThat(((IndexStore.Building.Built) store.build(rules(twice))).manifest().rules()).isEqualTo(5);
        try (Stream<Path> left = Files.list(root)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("000001", "000002");
        }
    }
}

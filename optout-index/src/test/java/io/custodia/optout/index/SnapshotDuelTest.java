package io.custodia.optout.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.optout.Rule;
import io.custodia.optout.RuleKind;
import io.custodia.optout.RuleSource;
import io.custodia.optout.Seeds;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The snapshot's URL check, with its in-place fast path and hashed host table, against a naive check that parses each
 * URL fully and tries every rule in turn, on random rules and URLs (upper case, ports, trailing dots, international
 * hosts, user info, hosts of many labels, rules on a host with a port), one URL at a time and in batches.
 */
class SnapshotDuelTest {

    private static final String[] LABELS = {"a", "b", "www", "example", "EXAMPLE", "bücher", "news", "co"};
    private static final String[] SUFFIXES = {"org", "com", "co.uk", "de"};

    @Test
    void agreesWithTryingEveryRule() {
        Random random = new Random(Seeds.seed("snapshot-duel"));
        for (int round = 0; round < 50; round++) {
            List<StoredRule> rules = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(12); i++) {
                String host = host(random).toLowerCase();
                DocumentUrl parsed = DocumentUrl.parse("https://" + host + "/");
                if (parsed == null) {
                    continue;
                }
                RuleKind kind = RuleKind.values()[random.nextInt(3)];
                // Rules on paths now and then name a host with a port.
                String port = random.nextInt(6) == 0 ? ":8080" : "";
                String value = switch (kind) {
                    case DOMAIN -> parsed.host();
                    case URL -> "https://" + parsed.host() + port + path(random);
                    default -> "https://" + parsed.host() + port + path(random) + (random.nextBoolean() ? "*" : "");
                };
                rules.add(rule(null, kind, value, random.nextBoolean() ? RuleSource.ROBOTS_TXT : RuleSource.REQUEST, "r" + i));
            }
            rules.sort(java.util.Comparator.comparing(r -> r.rule().id()));
            Snapshot snapshot = Snapshot.inMemory(rules, Shingles.DEFAULT);
            List<String> urls = new ArrayList<>();
            for (int n = 0; n < 300; n++) {
                String url = (random.nextBoolean() ? "https://" : random.nextBoolean() ? "http://" : "HTTP://")
                        + (random.nextInt(20) == 0 ? "user@" : "") + host(random)
                        + (random.nextInt(10) == 0 ? "." : "") + (random.nextInt(8) == 0 ? ":" + (random.nextBoolean() ? 443 : 8080) : "")
                        + path(random);
                urls.add(url);
                assertThat(snapshot.checkUrl(url) instanceof Verdict.Excluded).as("%s with %s", url, rules).isEqualTo(naive(rules, url));
            }
            // In batches, hosts read in place and hosts parsed side by side: the same verdicts, in the same order.
            List<Verdict> batched = snapshot.checkUrls(urls);
            for (int n = 0; n < urls.size(); n++) {
                assertThat(batched.get(n) instanceof Verdict.Excluded).as("%s in a batch with %s", urls.get(n), rules)
                        .isEqualTo(naive(rules, urls.get(n)));
            }
            assertThat(batched).isEqualTo(urls.stream().map(snapshot::checkUrl).toList());
        }
    }

    @Test
    void aUrlRuleNamesItsPageWithOrWithoutAFinalSlashOrAnEmptyQuery() {
        List<StoredRule> rules = List.of(
                rule("post", RuleKind.URL, "https://blog.example.net/post/1", RuleSource.REQUEST, "r1"),
                rule("dir", RuleKind.URL, "https://blog.example.net/dir/", RuleSource.REQUEST, "r2"),
                rule("search", RuleKind.URL, "https://blog.example.net/search?q=a", RuleSource.REQUEST, "r3"));
        Snapshot snapshot = Snapshot.inMemory(rules, Shingles.DEFAULT);
        List<String> urls = List.of("https://blog.example.net/post/1/", "https://blog.example.net/post/1?", "https://blog.example.net/post/1/?",
                "https://blog.example.net/dir", "https://blog.example.net/dir/", "https://blog.example.net/search/?q=a",
                "https://blog.example.net/post/1?x=1", "https://blog.example.net/post/12", "https://blog.example.net/post/",
                "https://blog.example.net/search?q=ab", "https://blog.example.net/", "https://blog.example.net/post/1//");
        List<String> expected = List.of("post", "post", "post", "dir", "dir", "search", "kept", "kept", "kept", "kept", "kept", "kept");
        assertThat(snapshot.checkUrls(urls)).extracting(SnapshotDuelTest::ruleOf).isEqualTo(expected);
        assertThat(urls).extracting(url -> ruleOf(snapshot.checkUrl(url))).isEqualTo(expected);
    }

    @Test
    void rulesOnAHostWithAPortApplyToThatPortOnly() {
        List<StoredRule> rules = List.of(
                rule("a", RuleKind.URL_PREFIX, "https://example.org:8080/private/", RuleSource.REQUEST, "r1"),
                rule("b", RuleKind.URL, "http://news.example.org:81/story", RuleSource.REQUEST, "r2"));
        Snapshot snapshot = Snapshot.inMemory(rules, Shingles.DEFAULT);
        List<String> urls = List.of("https://example.org:8080/private/x", "https://EXAMPLE.org:8080/private/", "https://example.org/private/x",
                "https://example.org:8081/private/x", "http://news.example.org:81/story", "http://news.example.org/story");
        assertThat(snapshot.checkUrls(urls)).extracting(SnapshotDuelTest::ruleOf)
                .containsExactly("a", "a", "kept", "kept", "b", "kept");
    }

    @Test
    void aDocumentIsCheckedAsItsUrlResolves() {
        List<StoredRule> rules = List.of(
                rule("d", RuleKind.DOMAIN, "example.com", RuleSource.REQUEST, "r1"),
                rule("p", RuleKind.URL_PREFIX, "https://news.example.org/private/", RuleSource.REQUEST, "r2"),
                rule("t", RuleKind.URL_PREFIX, "https://site.example.net/.", RuleSource.ROBOTS_TXT, ""));
        Snapshot snapshot = Snapshot.inMemory(rules, Shingles.DEFAULT);
        // User information names no other host; "." and ".." segments are resolved in documents, not in robots.txt
        // patterns, where "/." is a prefix of "/.env".
        // A host may be percent-encoded, as browsers and the WHATWG URL standard read it: the escapes name the same host.
        List<String> urls = List.of("https://user:pw@www.example.com/x", "https://example.com@evil.example.net/",
                "https://news.example.org/public/../private/a", "https://news.example.org/private/../public/a",
                "https://news.example.org/./private/a", "https://site.example.net/.env", "https://site.example.net/a",
                "https://www.ex%61mple.com/x", "https://news.%65xample.org/private/a", "https://ex%2Fample.com/x",
                "https://www.example.com.:8443/x", " https://news.example.org/private/a", "https://www.example.com\\x",
                "https://news.example.org\\private\\a", "https://www.exa\tmple.com/x", "https://news.example.org/pri\nvate/a");
        assertThat(snapshot.checkUrls(urls)).extracting(SnapshotDuelTest::ruleOf)
                .containsExactly("d", "kept", "p", "kept", "p", "t", "kept", "d", "p", "kept", "d", "p", "d", "p", "d", "p");
        assertThat(urls).extracting(url -> ruleOf(snapshot.checkUrl(url)))
                .containsExactly("d", "kept", "p", "kept", "p", "t", "kept", "d", "p", "kept", "d", "p", "d", "p", "d", "p");
    }

    /** The id of the rule that excludes, or "kept". */
    private static String ruleOf(Verdict verdict) {
        return verdict instanceof Verdict.Excluded excluded ? excluded.ruleId() : "kept";
    }

    /** A rule with no exemptions, agents or fingerprints, effective since the epoch. */
    private static StoredRule rule(String id, RuleKind kind, String value, RuleSource source, String ref) {
        return new StoredRule(new Rule(id, kind, value, List.of(), source, ref, List.of(), LocalDate.EPOCH), new long[0]);
    }

    private static boolean naive(List<StoredRule> rules, String url) {
        DocumentUrl document = DocumentUrl.parse(url);
        if (document == null) {
            return false;
        }
        String name = document.host().replaceFirst(":\\d+$", "");
        for (StoredRule stored : rules) {
            Rule rule = stored.rule();
            DocumentUrl target = rule.kind() == RuleKind.DOMAIN ? null : DocumentUrl.parseRule(rule.value());
            boolean hit = switch (rule.kind()) {
                case DOMAIN -> name.equals(rule.value()) || name.endsWith("." + rule.value());
                case URL -> target.host().equals(document.host()) && pagePathOf(target.path()).equals(pagePathOf(document.path()));
                case URL_PREFIX -> target.host().equals(document.host()) && (rule.source() == RuleSource.REQUEST
                        ? document.path().startsWith(target.path()) : RobotsPattern.matches(target.path(), document.path()));
                case CONTENT -> false;
            };
            if (hit) {
                return true;
            }
        }
        return false;
    }

    /** A page as the specification says URL rules name it, read naively: one final slash and an empty query dropped. */
    private static String pagePathOf(String pathAndQuery) {
        String[] parts = pathAndQuery.split("\\?", 2);
        String path = parts[0].length() > 1 && parts[0].endsWith("/") ? parts[0].substring(0, parts[0].length() - 1) : parts[0];
        return parts.length == 1 || parts[1].isEmpty() ? path : path + "?" + parts[1];
    }

    private static String host(Random random) {
        StringBuilder host = new StringBuilder();
        // Now and then more labels than a batch reads in place.
        int labels = random.nextInt(10) == 0 ? 7 + random.nextInt(4) : 1 + random.nextInt(3);
        for (int i = 0; i < labels; i++) {
            host.append(LABELS[random.nextInt(LABELS.length)]).append('.');
        }
        return host.append(SUFFIXES[random.nextInt(SUFFIXES.length)]).toString();
    }

    private static String path(Random random) {
        StringBuilder path = new StringBuilder("/");
        for (int i = 0; i < random.nextInt(4); i++) {
            path.append("abXY%7e".charAt(random.nextInt(7)));
        }
        // Now and then a final slash, an empty query or a query, which URL rules treat differently.
        if (random.nextInt(4) == 0) {
            path.append('/');
        }
        return path.append(switch (random.nextInt(8)) {
            case 0 -> "?";
            case 1 -> "?q";
            default -> "";
        }).toString();
    }
}

package io.custodia.optout.index;

import io.custodia.optout.Rule;
import io.custodia.optout.RuleKind;
import io.custodia.optout.RuleSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * An opened, verified snapshot. Per-document checks do not query Lucene: opening reads the rules once into a host
 * table, each named host's rules on paths and a fingerprint table, because a Lucene query per document costs
 * microseconds and a corpus has billions of documents; {@code docs/benchmarks.md} has the figures. Thread-safe once
 * opened.
 */
public final class Snapshot {

    private final Path dir;
    private final Manifest manifest;
    /** Per rule, in id order, what a verdict names: the rest stays in Lucene, so millions of rules fit in little heap. */
    private final String[] ids;
    /** Each rule's kind and source ordinals, one byte: a verdict reads one array, not two of references. */
    private final byte[] kindAndSource;
    private final Shingles shingles;
    /**
     * Host (a registrable domain or any host) to the rule that excludes it and everything beneath it, or to its rules
     * on paths in {@link #paths}: only URLs on those hosts need their path looked at.
     */
    private final HostTable hosts;
    /** The URL and URL_PREFIX rules of each host that has some, where the host table says. */
    private final HostPaths[] paths;
    private final FingerprintTable fingerprints;

    /** One host's URL rules, by {@link DocumentUrl#pagePath}, and its URL_PREFIX rules. */
    private record HostPaths(Map<String, Integer> exact, Prefix[] prefixes) {}

    /** A URL_PREFIX rule on one host: its path pattern, the patterns that exempt paths from it, and its rule. */
    private record Prefix(String pattern, boolean literal, String[] allow, int rule) {
        boolean excludes(String path) {
            if (!(literal ? path.startsWith(pattern) : RobotsPattern.matches(pattern, path))) {
                return false;
            }
            for (String exempt : allow) {
                if (RobotsPattern.matches(exempt, path)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final RuleKind[] KINDS = RuleKind.values();
    private static final RuleSource[] SOURCES = RuleSource.values();

    static {
        if (KINDS.length > 16 || SOURCES.length > 16) {
            throw new IllegalStateException("kind and source no longer fit in a byte together");
        }
    }

    private Snapshot(Path dir, Manifest manifest, List<StoredRule> rules) {
        this.dir = dir;
        this.manifest = manifest;
        this.ids = new String[rules.size()];
        this.kindAndSource = new byte[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            ids[i] = rules.get(i).rule().id();
            kindAndSource[i] = (byte) (rules.get(i).rule().kind().ordinal() << 4 | rules.get(i).rule().source().ordinal());
        }
        this.shingles = new Shingles(manifest.contentWords(), manifest.contentMinChars());
        Map<String, List<Prefix>> byHost = new HashMap<>();
        Map<String, Map<String, Integer>> exactByHost = new HashMap<>();
        int fingerprintCount = 0;
        this.hosts = new HostTable((int) rules.stream().filter(r -> r.rule().kind() != RuleKind.CONTENT).count());
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i).rule();
            int index = i;
            switch (rule.kind()) {
                case DOMAIN -> hosts.putIfAbsent(rule.value(), i);
                case URL -> {
                    DocumentUrl url = DocumentUrl.parseRule(rule.value());
                    if (url != null) {
                        exactByHost.computeIfAbsent(url.host(), h -> new HashMap<>()).putIfAbsent(DocumentUrl.pagePath(url.path()), i);
                    }
                }
                case URL_PREFIX -> {
                    DocumentUrl url = DocumentUrl.parseRule(rule.value());
                    if (url != null) {
                        boolean literal = rule.source() == RuleSource.REQUEST || rule.source() == RuleSource.MANUAL;
                        String[] allow = rule.allow().stream().map(DocumentUrl::parseRule)
                                .filter(a -> a != null && a.host().equals(url.host())).map(DocumentUrl::path).toArray(String[]::new);
                        byHost.computeIfAbsent(url.host(), h -> new ArrayList<>()).add(new Prefix(url.path(), literal, allow, index));
                    }
                }
                case CONTENT -> fingerprintCount += rules.get(i).fingerprints().length;
            }
        }
        List<HostPaths> withPaths = new ArrayList<>();
        java.util.Set<String> named = new java.util.TreeSet<>(byHost.keySet());
        named.addAll(exactByHost.keySet());
        for (String host : named) {
            hosts.putPaths(host, withPaths.size());
            withPaths.add(new HostPaths(exactByHost.getOrDefault(host, Map.of()),
                    byHost.getOrDefault(host, List.of()).toArray(Prefix[]::new)));
        }
        this.paths = withPaths.toArray(HostPaths[]::new);
        this.fingerprints = new FingerprintTable(fingerprintCount);
        for (int i = 0; i < rules.size(); i++) {
            for (long f : rules.get(i).fingerprints()) {
                fingerprints.putIfAbsent(f, i);
            }
        }
    }

    /** A snapshot that exists only in memory, for tests and benchmarks of the checks. */
    static Snapshot inMemory(List<StoredRule> rules, Shingles shingles) {
        Manifest manifest = new Manifest(Manifest.FORMAT, "000000", java.time.Instant.EPOCH, null, "", rules.size(), Map.of(),
                Map.of(), List.of(), shingles.words(), shingles.minChars(), Map.of());
        return new Snapshot(null, manifest, List.copyOf(rules));
    }

    static Snapshot read(Path dir, Manifest manifest) throws IOException {
        return new Snapshot(dir, manifest, readRules(dir));
    }

    /**
     * Every rule of a snapshot directory, in id order whatever order the documents were indexed in. Read on every core:
     * each thread has its own view of the stored fields.
     */
    static List<StoredRule> readRules(Path dir) throws IOException {
        try (FSDirectory directory = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(directory)) {
            int documents = reader.maxDoc();
            int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), documents / 10_000));
            int chunk = (documents + threads - 1) / threads;
            StoredRule[] rules = new StoredRule[documents];
            java.util.stream.IntStream.range(0, threads).parallel().forEach(t -> {
                try {
                    StoredFields stored = reader.storedFields();
                    for (int doc = t * chunk; doc < Math.min(documents, (t + 1) * chunk); doc++) {
                        rules[doc] = rule(stored.document(doc));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            java.util.Arrays.parallelSort(rules, java.util.Comparator.comparing(r -> r.rule().id()));
            return List.of(rules);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static StoredRule rule(Document doc) {
        Rule rule = new Rule(doc.get("id"), RuleKind.valueOf(doc.get("kind")), doc.get("value"),
                Arrays.asList(doc.getValues("allow")), RuleSource.valueOf(doc.get("source")), doc.get("ref"),
                Arrays.asList(doc.getValues("agent")), LocalDate.parse(doc.get("effective")));
        IndexableField field = doc.getField("fingerprints");
        long[] fingerprints = StoredRule.NONE;
        if (field != null) {
            BytesRef bytes = field.binaryValue();
            fingerprints = new long[bytes.length / 8];
            ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length).asLongBuffer().get(fingerprints);
        }
        return new StoredRule(rule, fingerprints);
    }

    public Manifest manifest() {
        return manifest;
    }

    Path dir() {
        return dir;
    }

    /** Whether a URL is excluded, by host, exact URL or prefix; URLs that are not http(s) are kept. */
    public Verdict checkUrl(String url) {
        int rule = rule(url);
        return rule < 0 ? Verdict.KEPT : verdict(rule);
    }

    /**
     * The verdicts of many URLs, in order, each as {@link #checkUrl} gives it. Cheaper per URL than one by one, a batch
     * of URLs at a time: their hosts are hashed first and then all their table reads are issued together, so that the
     * cache misses of a batch overlap instead of following one another.
     */
    public List<Verdict> checkUrls(List<String> urls) {
        Verdict[] verdicts = new Verdict[urls.size()];
        Batch batch = new Batch(Math.min(BATCH, urls.size()));
        for (int base = 0; base < verdicts.length; base += BATCH) {
            int size = Math.min(BATCH, verdicts.length - base);
            rules(urls, base, size, batch);
            // Apart from the lookups, so that the reads of the verdicts' rule ids overlap too.
            for (int j = 0; j < size; j++) {
                verdicts[base + j] = batch.rules[j] < 0 ? Verdict.KEPT : verdict(batch.rules[j]);
            }
        }
        return Arrays.asList(verdicts);
    }

    /** Whether a document is excluded by its URL or, failing that, by reproducing a protected passage. */
    public Verdict check(String url, String text) {
        int rule = url == null ? -1 : rule(url);
        if (rule < 0 && fingerprints.size() > 0 && text != null) {
            rule = fingerprints.firstHit(shingles, text);
        }
        return rule < 0 ? Verdict.KEPT : verdict(rule);
    }

    /** The rule that excludes one URL, or -1: a batch of one, so that one URL and many are decided alike. */
    private int rule(String url) {
        Batch batch = new Batch(1);
        rules(List.of(url), 0, 1, batch);
        return batch.rules[0];
    }

    /** URLs checked together at most: a batch's scratch arrays stay in the first-level cache. */
    private static final int BATCH = 64;

    /** One batch's scratch: its hosts' suffixes, where each host's suffixes start and where it ends, and the answers. */
    private static final class Batch {
        final HostTable.Suffixes suffixes;
        final int[] firsts;
        final int[] hostEnds;
        final int[] rules;

        Batch(int urls) {
            suffixes = new HostTable.Suffixes(urls, HostTable.MAX_LABELS);
            firsts = new int[urls + 1];
            hostEnds = new int[urls];
            rules = new int[urls];
        }
    }

    /**
     * The rule that excludes each URL of {@code urls[base, base + size)}, or -1, into {@code batch.rules}. The common case
     * (http or https, a plain ASCII host without port or user) reads the host in place: no parsing into parts, no strings
     * made. Anything else goes through {@link DocumentUrl}.
     */
    private void rules(List<String> urls, int base, int size, Batch batch) {
        HostTable.Suffixes suffixes = batch.suffixes;
        suffixes.clear();
        for (int j = 0; j < size; j++) {
            String url = urls.get(base + j);
            int hostStart = url.startsWith("https://") ? 8 : url.startsWith("http://") ? 7 : -1;
            batch.firsts[j] = suffixes.count();
            batch.hostEnds[j] = hostStart < 0 ? -1 : HostTable.add(suffixes, url, hostStart, url.length(), true);
        }
        batch.firsts[size] = suffixes.count();
        hosts.candidates(suffixes);
        for (int j = 0; j < size; j++) {
            String url = urls.get(base + j);
            int hostEnd = batch.hostEnds[j];
            if (hostEnd < 0) {
                batch.rules[j] = byUrl(DocumentUrl.parse(url));
                continue;
            }
            int answer = hosts.lookup(suffixes, batch.firsts[j], batch.firsts[j + 1] - batch.firsts[j], url, hostEnd);
            // Rules on the host's paths: a plain host is the parsed one, so only the path is left to read.
            batch.rules[j] = HostTable.isPaths(answer) ? byPath(paths[HostTable.paths(answer)], DocumentUrl.pathOf(url, hostEnd)) : answer;
        }
    }

    private int byUrl(DocumentUrl url) {
        if (url == null) {
            return -1;
        }
        String host = url.host();
        int colon = host.lastIndexOf(':');
        int portless = colon >= 0 && host.indexOf(']') < colon ? colon : host.length();
        int answer = hosts.lookup(host, portless);
        if (answer >= 0) {
            return answer;
        }
        // Rules on paths name the host with its port, when it has one.
        if (portless < host.length()) {
            answer = hosts.lookup(host, host.length());
        }
        return HostTable.isPaths(answer) ? byPath(paths[HostTable.paths(answer)], url.path()) : -1;
    }

    /** The URL or URL_PREFIX rule of one host that excludes a path, or -1. */
    private static int byPath(HostPaths onHost, String path) {
        Integer exact = onHost.exact().isEmpty() ? null : onHost.exact().get(DocumentUrl.pagePath(path));
        if (exact != null) {
            return exact;
        }
        for (Prefix prefix : onHost.prefixes()) {
            if (prefix.excludes(path)) {
                return prefix.rule();
            }
        }
        return -1;
    }

    private Verdict verdict(int index) {
        return new Verdict.Excluded(ids[index], KINDS[kindAndSource[index] >>> 4], SOURCES[kindAndSource[index] & 15]);
    }

    /** The rules that name a host or come from a request, found with Lucene term queries; what {@code inspect} lists. */
    public List<Rule> find(String field, String value) throws IOException {
        if (!List.of("host", "ref", "id").contains(field)) {
            throw new IllegalArgumentException("rules can be found by host, ref or id");
        }
        List<Rule> found = new ArrayList<>();
        try (FSDirectory directory = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            StoredFields stored = reader.storedFields();
            for (ScoreDoc hit : searcher.search(new TermQuery(new Term(field, value)), 10_000).scoreDocs) {
                found.add(rule(stored.document(hit.doc)).rule());
            }
        }
        return found;
    }

    /** The host a rule is about, for lookups by host; null for CONTENT. */
    static String host(Rule rule) {
        return switch (rule.kind()) {
            case DOMAIN -> rule.value();
            case URL, URL_PREFIX -> {
                DocumentUrl url = DocumentUrl.parseRule(rule.value());
                yield url == null ? null : url.host();
            }
            case CONTENT -> null;
        };
    }
}

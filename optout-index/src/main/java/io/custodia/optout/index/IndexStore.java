package io.custodia.optout.index;

import io.custodia.optout.Digests;
import io.custodia.optout.Rule;
import io.custodia.optout.RuleKind;
import io.custodia.optout.RuleLines;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A directory of exclusion-index snapshots, one subdirectory per version ({@code 000001}, {@code 000002}, …). Each is
 * built whole in a temporary directory, checksummed into its manifest, made read-only and moved into place in one
 * rename, so a snapshot is either complete or absent; once there, it never changes.
 */
public final class IndexStore {

    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    static final String MANIFEST = "manifest.json";

    private final Path root;
    private final Clock clock;

    public IndexStore(Path root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    /** The outcome of building or applying: the new snapshot's manifest, or why none was made. */
    public sealed interface Building {
        record Built(Manifest manifest) implements Building {}

        record Refused(String reason) implements Building {}
    }

    /** The outcome of opening a version. */
    public sealed interface Opening {
        record Opened(Snapshot snapshot) implements Opening {}

        record Unusable(String reason) implements Opening {}
    }

    /** Versions present, oldest first. */
    public List<String> versions() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(root)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{6}")).sorted().toList();
        }
    }

    public Optional<String> latest() throws IOException {
        List<String> versions = versions();
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.getLast());
    }

    /**
     * A full build from rules; content fingerprints run until {@code contentWords} words or {@code contentMinChars}
     * chars, whichever comes first.
     */
    public Building build(List<RuleLines.Input> rules, int contentWords, int contentMinChars) throws IOException {
        return build(rules, new Shingles(contentWords, contentMinChars));
    }

    Building build(List<RuleLines.Input> rules, Shingles shingles) throws IOException {
        List<StoredRule> stored = new ArrayList<>(rules.size());
        for (RuleLines.Input input : rules) {
            long[] fingerprints = fingerprints(input, shingles);
            if (fingerprints == null) {
                return new Building.Refused(tooShort(input, shingles));
            }
            stored.add(new StoredRule(input.rule(), fingerprints));
        }
        // Sorted first, so that rules under one id lie together: no map of millions of ids is needed to find them.
        List<StoredRule> ordered = IdOrder.sort(stored, rule -> rule.rule().id());
        List<StoredRule> distinct = new ArrayList<>(ordered.size());
        for (StoredRule rule : ordered) {
            StoredRule last = distinct.isEmpty() ? null : distinct.getLast();
            if (last != null && last.rule().id().equals(rule.rule().id())) {
                // The same rule imported twice is one rule; two different rules under one id are refused.
                if (!last.sameAs(rule)) {
                    return new Building.Refused(clash(rule.rule().id()));
                }
                continue;
            }
            distinct.add(rule);
        }
        return write(distinct, null, shingles);
    }

    public Building build(List<RuleLines.Input> rules) throws IOException {
        return build(rules, Shingles.DEFAULT);
    }

    /**
     * A new snapshot from {@code parent}: its rules without {@code remove} (rule ids) and with {@code add}; equal in
     * content (same rules digest) to a full build of the resulting rules.
     */
    public Building apply(String parent, List<RuleLines.Input> add, Set<String> remove) throws IOException {
        Snapshot base;
        switch (open(parent)) {
            case Opening.Opened opened -> base = opened.snapshot();
            case Opening.Unusable unusable -> {
                return new Building.Refused(unusable.reason());
            }
        }
        Shingles shingles = new Shingles(base.manifest().contentWords(), base.manifest().contentMinChars());
        Map<String, StoredRule> byId = new HashMap<>();
        for (StoredRule rule : Snapshot.readRules(base.dir())) {
            byId.put(rule.rule().id(), rule);
        }
        for (String id : new TreeSet<>(remove)) {
            if (byId.remove(id) == null) {
                return new Building.Refused("rule " + id + " is not in version " + parent);
            }
        }
        for (RuleLines.Input input : add) {
            long[] fingerprints = fingerprints(input, shingles);
            if (fingerprints == null) {
                return new Building.Refused(tooShort(input, shingles));
            }
            StoredRule stored = new StoredRule(input.rule(), fingerprints);
            StoredRule before = byId.putIfAbsent(input.rule().id(), stored);
            if (before != null && !before.sameAs(stored)) {
                return new Building.Refused(clash(input.rule().id()));
            }
        }
        return write(IdOrder.sort(byId.values(), rule -> rule.rule().id()), parent, shingles);
    }

    /** A rule's fingerprints: none for rules that are not CONTENT, null for a protected text too short to have one. */
    private static long[] fingerprints(RuleLines.Input input, Shingles shingles) {
        if (input.rule().kind() != RuleKind.CONTENT) {
            return StoredRule.NONE;
        }
        long[] fingerprints = shingles.of(input.text());
        return fingerprints.length == 0 ? null : fingerprints;
    }

    private static String tooShort(RuleLines.Input input, Shingles shingles) {
        return "rule " + input.rule().id() + ": the protected text is shorter than one fingerprint (" + shingles.words()
                + " words or " + shingles.minChars() + " chars)";
    }

    private static String clash(String id) {
        return "rule id " + id + " is used by two different rules";
    }

    /** Writes a snapshot of rules in id order, which the digest is taken in, each id once. */
    private Building write(List<StoredRule> ordered, String parent, Shingles shingles) throws IOException {
        Files.createDirectories(root);
        Path tmp = root.resolve(".building-" + UUID.randomUUID());
        Files.createDirectory(tmp);
        try {
            TieredMergePolicy merges = new TieredMergePolicy();
            merges.setNoCFSRatio(0.0);
            IndexWriterConfig config = new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    .setRAMBufferSizeMB(256).setUseCompoundFile(false).setMergePolicy(merges);
            RulesSummary summary;
            try (FSDirectory directory = FSDirectory.open(tmp); IndexWriter writer = new IndexWriter(directory, config)) {
                // Documents go in from every core; the order of documents in the index is not part of its content.
                int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), ordered.size() / 10_000));
                try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                    List<Future<?>> done = new ArrayList<>();
                    int chunk = (ordered.size() + threads - 1) / threads;
                    for (int t = 0; t < threads; t++) {
                        List<StoredRule> part = ordered.subList(Math.min(ordered.size(), t * chunk), Math.min(ordered.size(), (t + 1) * chunk));
                        done.add(pool.submit(() -> {
                            for (StoredRule rule : part) {
                                writer.addDocument(document(rule));
                            }
                            // Each worker writes its segment on its own core; left to the commit, all are written on one.
                            writer.flushNextBuffer();
                            return null;
                        }));
                    }
                    for (Future<?> future : done) {
                        future.get();
                    }
                    // The rules digest needs no index: it is taken while the commit syncs what the workers wrote.
                    Future<RulesSummary> summarized = pool.submit(() -> RulesSummary.of(ordered));
                    writer.commit();
                    summary = summarized.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while indexing", e);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
            }
            Files.deleteIfExists(tmp.resolve(IndexWriter.WRITE_LOCK_NAME));
            Map<String, String> files = new TreeMap<>();
            try (Stream<Path> list = Files.list(tmp)) {
                for (Path file : list.sorted().toList()) {
                    files.put(file.getFileName().toString(), Digests.sha256(file));
                }
            }
            String version = nextVersion();
            Manifest manifest = new Manifest(Manifest.FORMAT, version, clock.instant(), parent, summary.digest(),
                    ordered.size(), summary.kinds(), summary.sources(), summary.requests(), shingles.words(),
                    shingles.minChars(), files);
            JSON.writeValue(tmp.resolve(MANIFEST).toFile(), manifest);
            readOnly(tmp);
            try {
                Files.move(tmp, root.resolve(version), StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
                throw new IOException("version " + version + " appeared while building; build again", raced);
            }
            return new Building.Built(manifest);
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
    }

    private String nextVersion() throws IOException {
        return latest().map(v -> String.format("%06d", Integer.parseInt(v) + 1)).orElse("000001");
    }

    /** Opens a version after checking every file against its manifest. */
    public Opening open(String version) throws IOException {
        if (version == null || !version.matches("\\d{6}")) {
            return new Opening.Unusable("a version is six digits, e.g. 000001");
        }
        Path dir = root.resolve(version);
        if (!Files.isDirectory(dir)) {
            return new Opening.Unusable("there is no version " + version + " in " + root);
        }
        Manifest manifest;
        try {
            manifest = JSON.readValue(dir.resolve(MANIFEST).toFile(), Manifest.class);
        } catch (RuntimeException e) {
            return new Opening.Unusable("version " + version + " has no readable manifest");
        }
        try (Stream<Path> list = Files.list(dir)) {
            Set<String> present = new TreeSet<>(list.map(p -> p.getFileName().toString()).filter(n -> !n.equals(MANIFEST)).toList());
            if (!present.equals(manifest.files().keySet())) {
                return new Opening.Unusable("version " + version + " holds other files than its manifest lists");
            }
        }
        for (Map.Entry<String, String> file : manifest.files().entrySet()) {
            if (!Digests.sha256(dir.resolve(file.getKey())).equals(file.getValue())) {
                return new Opening.Unusable("version " + version + ": " + file.getKey() + " does not match its checksum");
            }
        }
        return new Opening.Opened(Snapshot.read(dir, manifest));
    }

    private static Document document(StoredRule stored) {
        Rule rule = stored.rule();
        Document doc = new Document();
        doc.add(new StringField("id", rule.id(), Field.Store.YES));
        doc.add(new StoredField("kind", rule.kind().name()));
        doc.add(new StoredField("value", rule.value()));
        for (String allow : rule.allow()) {
            doc.add(new StoredField("allow", allow));
        }
        doc.add(new StoredField("source", rule.source().name()));
        doc.add(new StringField("ref", rule.ref(), Field.Store.YES));
        for (String agent : rule.agents()) {
            doc.add(new StoredField("agent", agent));
        }
        doc.add(new StoredField("effective", rule.effective().toString()));
        String host = Snapshot.host(rule);
        if (host != null) {
            doc.add(new StringField("host", host, Field.Store.NO));
        }
        if (stored.fingerprints().length > 0) {
            byte[] bytes = new byte[stored.fingerprints().length * 8];
            java.nio.ByteBuffer.wrap(bytes).asLongBuffer().put(stored.fingerprints());
            doc.add(new StoredField("fingerprints", new BytesRef(bytes)));
        }
        return doc;
    }

    private static void readOnly(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
            }
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    }

    private static void deleteTree(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }
}

package io.custodia.optout.bench;

import io.custodia.optout.index.IndexStore;
import io.custodia.optout.index.Snapshot;
import io.custodia.optout.index.Verdict;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * URL checks against an opened snapshot, one thread, so per core: a million URLs, about 10% on excluded domains, 5% on
 * hosts with URL rules and the rest on hosts no rule names. Run through {@link IndexBenchmarkMain}, which builds the index.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g"})
public class UrlCheckBenchmark {

    static final int URLS = 1 << 20;

    @Param("")
    public String index;

    @Param("2000000")
    public int domains;

    Snapshot snapshot;
    String[] urls;
    List<String> urlList;
    /** Per URL of the first 4096, its host's dot-suffixes, longest first: what a Lucene query per URL would ask for. */
    String[][] suffixes;
    DirectoryReader reader;
    IndexSearcher searcher;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        IndexStore store = new IndexStore(Path.of(index), Clock.systemUTC());
        String version = store.latest().orElseThrow();
        snapshot = ((IndexStore.Opening.Opened) store.open(version)).snapshot();
        reader = DirectoryReader.open(FSDirectory.open(Path.of(index, version)));
        searcher = new IndexSearcher(reader);
        Random random = new Random(Generated.SEED + 2);
        urls = new String[URLS];
        for (int i = 0; i < URLS; i++) {
            int kind = random.nextInt(20);
            urls[i] = kind < 2 ? "https://www." + Generated.domain(random.nextInt(domains)) + "/path/" + i
                    : kind == 2 ? "https://" + Generated.urlHost(random.nextInt(5000)) + "/articles/" + random.nextInt(200_000)
                    : "https://news" + random.nextInt(1_000_000) + ".example.net/2024/03/story-" + i + ".html";
        }
        urlList = Arrays.asList(urls);
        suffixes = new String[LUCENE_URLS][];
        for (int i = 0; i < LUCENE_URLS; i++) {
            String host = java.net.URI.create(urls[i]).getHost();
            List<String> list = new java.util.ArrayList<>();
            for (String s = host; ; s = s.substring(s.indexOf('.') + 1)) {
                list.add(s);
                if (s.indexOf('.') < 0) {
                    break;
                }
            }
            suffixes[i] = list.toArray(String[]::new);
        }
    }

    static final int LUCENE_URLS = 4096;

    /** The alternative measured against: a Lucene term query on the host field per dot-suffix, domain rules only. */
    @Benchmark
    @OperationsPerInvocation(LUCENE_URLS)
    public int luceneQueryPerUrl() throws java.io.IOException {
        int excluded = 0;
        for (String[] hostSuffixes : suffixes) {
            for (String suffix : hostSuffixes) {
                if (searcher.count(new TermQuery(new Term("host", suffix))) > 0) {
                    excluded++;
                    break;
                }
            }
        }
        return excluded;
    }

    /** One URL at a time, as a caller with a single document does. */
    @Benchmark
    @OperationsPerInvocation(URLS)
    public int checkUrls() {
        int excluded = 0;
        for (String url : urls) {
            if (snapshot.checkUrl(url) instanceof Verdict.Excluded) {
                excluded++;
            }
        }
        return excluded;
    }

    /** The same URLs through {@link Snapshot#checkUrls}, which looks a batch of hosts up at a time. */
    @Benchmark
    @OperationsPerInvocation(URLS)
    public int checkUrlsInBatches() {
        int excluded = 0;
        for (Verdict verdict : snapshot.checkUrls(urlList)) {
            if (verdict instanceof Verdict.Excluded) {
                excluded++;
            }
        }
        return excluded;
    }
}

package io.custodia.optout.bench;

import io.custodia.optout.index.IndexStore;
import io.custodia.optout.index.Snapshot;
import io.custodia.optout.index.Verdict;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        snapshot = ((IndexStore.Opening.Opened) new IndexStore(Path.of(index), Clock.systemUTC())
                .open(new IndexStore(Path.of(index), Clock.systemUTC()).latest().orElseThrow())).snapshot();
        Random random = new Random(Generated.SEED + 2);
        urls = new String[URLS];
        for (int i = 0; i < URLS; i++) {
            int kind = random.nextInt(20);
            urls[i] = kind < 2 ? "https://www." + Generated.domain(random.nextInt(domains)) + "/path/" + i
                    : kind == 2 ? "https://" + Generated.urlHost(random.nextInt(5000)) + "/articles/" + random.nextInt(200_000)
                    : "https://news" + random.nextInt(1_000_000) + ".example.net/2024/03/story-" + i + ".html";
        }
    }

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
}

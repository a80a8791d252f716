package io.custodia.pii.bench;

import io.custodia.pii.Bundle;
import io.custodia.pii.BundleBuilder;
import io.custodia.pii.IdentifierKind;
import io.custodia.pii.PiiFilter;
import io.custodia.pii.StreamingRedactor;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The full filter (detectors and a 1,000,000-entry bundle) over generated web text, against detectors alone and
 * against streaming the same text token by token; one thread, so results are per core. Run through
 * {@link BenchmarkMain}, which turns times into MB/s and µs per token.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// Five warm-up iterations: with two, the filter's first measured iteration on this 2-vCPU machine still ran up to 2.5
// times as long as its last, while the compiler was not yet done with the scanner.
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 10, time = 5)
// The heap the JVM chooses itself, as the CLI and the reconstruction run; BenchmarkMain also runs the full filter with a
// fixed 3 GB heap, which this benchmark used before, for comparison.
@Fork(value = 1, jvmArgs = {"--add-modules", "jdk.incubator.vector"})
public class FilterBenchmark {

    static final long SEED = 20261123L;

    /** Personal values per 1,000 words that make about 1% of the corpus's chars, as the goal is stated. */
    static final int ONE_PERCENT_PII = 3;

    /** The share the corpus had until 2026-12-01: about 3.9% of its chars, kept as a harder case. */
    static final int DENSE_PII = 12;

    @Param("50")
    public int megabytes;

    @Param("1000000")
    public int bundleEntries;

    /** {@link #ONE_PERCENT_PII} or {@link #DENSE_PII}. */
    @Param("3")
    public int piiPerThousandWords;

    List<String> corpus;
    String streamed;
    PiiFilter full;
    PiiFilter detectorsOnly;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String[] lastNames = lastNames(new Random(SEED), 40_000);
        full = fullFilter(lastNames, bundleEntries);
        detectorsOnly = PiiFilter.standard();
        corpus = corpus(lastNames, megabytes, piiPerThousandWords);
        StringBuilder oneMegabyte = new StringBuilder();
        for (String document : corpus) {
            if (oneMegabyte.length() >= 1_000_000) {
                break;
            }
            oneMegabyte.append(document);
        }
        streamed = oneMegabyte.toString();
        if (wordStartsOnly() != wordStartsBranchFree()) {
            throw new IllegalStateException("the two floors count different word starts");
        }
    }

    /** Documents of 1 to 10 KB until {@code megabytes} MB of UTF-8; the same every time. */
    static List<String> corpus(String[] lastNames, int megabytes, int piiPerThousandWords) {
        Random random = new Random(SEED + 2);
        WebText text = new WebText(random, lastNames, piiPerThousandWords);
        List<String> corpus = new ArrayList<>();
        long bytes = 0;
        while (bytes < megabytes * 1_000_000L) {
            String document = text.document(1_000 + random.nextInt(9_000));
            corpus.add(document);
            bytes += document.getBytes(StandardCharsets.UTF_8).length;
        }
        return corpus;
    }

    /** All detectors and a bundle of {@code entries} names, e-mails and identifiers drawn from {@code lastNames}. */
    static PiiFilter fullFilter(String[] lastNames, int entries) throws Exception {
        return PiiFilter.builder().bundle(bundle(new Random(SEED + 1), lastNames, entries)).build();
    }

    /** Redacts every document once; returns the chars written, so that the work cannot be left out. */
    static long redactAll(PiiFilter filter, List<String> corpus) {
        long chars = 0;
        for (String document : corpus) {
            chars += ((PiiFilter.Outcome.Redacted) filter.redact(document)).text().length();
        }
        return chars;
    }

    static String[] lastNames(Random random, int count) {
        String[] syllables = {"ber", "mann", "li", "ger", "hof", "rossi", "mar", "tin", "ri", "schmid", "ler", "du", "bois",
            "fer", "nan", "dez", "kel", "ner", "wei", "ss", "bru", "no", "pe", "ter", "son", "vac", "ca", "lan", "zo", "ni"};
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            String name = syllables[random.nextInt(syllables.length)] + syllables[random.nextInt(syllables.length)]
                    + syllables[random.nextInt(syllables.length)] + (i % 7 == 0 ? "" : Integer.toString(i % 97, 36));
            names[i] = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        }
        return names;
    }

    static Bundle bundle(Random random, String[] lastNames, int entries) throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] key = new byte[16];
        random.nextBytes(key);
        BundleBuilder builder = new BundleBuilder("CH", key);
        for (int i = 0; builder.size() < entries; i++) {
            switch (i % 10) {
                case 0 -> builder.add(IdentifierKind.EMAIL, "person" + i + "@example.org");
                case 1 -> builder.add(IdentifierKind.OTHER, "Passport X" + (1_000_000 + i));
                default -> builder.add(IdentifierKind.NAME,
                        WebText.FIRST[i % WebText.FIRST.length] + " " + lastNames[(i / WebText.FIRST.length) % lastNames.length]
                                + (i >= 30 * 40_000 ? " " + lastNames[i % 997] : ""));
            }
        }
        Instant now = Instant.now();
        byte[] bytes = builder.build(new BundleBuilder.Release("bench", now, now.plus(Duration.ofDays(1)), "bench"), keys.getPrivate());
        return ((Bundle.Loading.Loaded) Bundle.load(bytes, keys.getPublic(), Clock.systemUTC())).bundle();
    }

    /** Letters and digits of any script, one bit per char, as the scanner's own table. */
    private static final long[] WORD_CHARS = new long[1 << 10];

    static {
        for (int c = 0; c < 1 << 16; c++) {
            if (Character.isLetterOrDigit(c)) {
                WORD_CHARS[c >>> 6] |= 1L << c;
            }
        }
    }

    /**
     * A floor on this machine: a loop that only finds where words start, one table lookup per char, and does nothing
     * else, with a branch at each word start as a scanner takes one. The full filter is measured against it.
     */
    @Benchmark
    public long wordStartsOnly() {
        long words = 0;
        for (String document : corpus) {
            boolean inWord = false;
            for (int i = 0; i < document.length(); i++) {
                char c = document.charAt(i);
                boolean word = (WORD_CHARS[c >>> 6] & 1L << c) != 0;
                if (word && !inWord) {
                    words++;
                }
                inWord = word;
            }
        }
        return words;
    }

    /**
     * The same count with no branch: each char adds one where a word starts, zero elsewhere. Measured beside
     * {@link #wordStartsOnly} to show what the branch a scanner takes at each word costs, against reading the chars.
     */
    @Benchmark
    public long wordStartsBranchFree() {
        long words = 0;
        for (String document : corpus) {
            int inWord = 0;
            for (int i = 0; i < document.length(); i++) {
                char c = document.charAt(i);
                int word = (int) (WORD_CHARS[c >>> 6] >>> c) & 1;
                words += word & ~inWord;
                inWord = word;
            }
        }
        return words;
    }

    /** Detectors plus the bundle over the whole corpus: one operation is one pass over all of it. */
    @Benchmark
    public long fullFilter() {
        return redactAll(full, corpus);
    }

    @Benchmark
    public long detectorsOnly() {
        return redactAll(detectorsOnly, corpus);
    }

    /** The first megabyte, sent through a stream in 4-char tokens as a model would produce them. */
    @Benchmark
    public long streamingTokens() {
        StreamingRedactor stream = full.streaming();
        long chars = 0;
        for (int i = 0; i < streamed.length(); i += 4) {
            chars += stream.accept(streamed.substring(i, Math.min(streamed.length(), i + 4))).length();
        }
        return chars + stream.finish().length();
    }

    /** The same megabyte in one piece: the baseline for the streaming overhead. */
    @Benchmark
    public long batchSameText() {
        return ((PiiFilter.Outcome.Redacted) full.redact(streamed)).text().length();
    }
}

package io.custodia.governance.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load benchmark (not a test): submits PII, opt-out and copyright requests concurrently to a running Custodia over
 * real HTTP and reports throughput and latency percentiles. Uses only the JDK, so it runs with the source launcher:
 *
 * <pre>java governance-api/src/test/java/io/custodia/governance/bench/SubmissionLoadBenchmark.java \
 *     [url] [concurrency] [requests] [warmup] [seed]</pre>
 */
public final class SubmissionLoadBenchmark {

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "http://localhost:8080";
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 2_000;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 42L;
        System.out.printf("url=%s concurrency=%d requests=%d warmup=%d seed=%d%n", url, concurrency, requests, warmup, seed);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        run(http, url, concurrency, warmup, seed + 1, "warmup");
        run(http, url, concurrency, requests, seed, "measured");
    }

    private static void run(HttpClient http, String url, int concurrency, int total, long seed, String label) throws Exception {
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int worker = 0; worker < concurrency; worker++) {
                Random random = new Random(seed * 31 + worker);
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/requests"))
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString(body(random, i)))
                                .build();
                        long t0 = System.nanoTime();
                        try {
                            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                            if (status != 201) {
                                failures.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                        latencies[i] = System.nanoTime() - t0;
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf("%s: %d requests in %.2f s = %.0f req/s; latency ms p50 %.1f p90 %.1f p99 %.1f max %.1f; non-201: %d %s%n",
                label, total, seconds, total / seconds, ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99),
                latencies[total - 1] / 1e6, failures.get(), statuses);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** A realistic mix: 60% PII, 30% opt-out, 10% copyright, every one distinct. */
    private static String body(Random random, int i) {
        String email = "bench-" + i + "-" + random.nextInt(1_000_000) + "@example.org";
        String requester = "\"requester\":{\"name\":\"Bench Person " + i + "\",\"email\":\"" + email + "\"}";
        int pick = random.nextInt(10);
        if (pick < 6) {
            return "{\"kind\":\"PII\"," + requester + ",\"identifiers\":{\"names\":[\"Person " + i + " " + random.nextInt()
                    + "\"],\"emails\":[\"" + email + "\"],\"phones\":[\"+41 44 668 18 " + (10 + random.nextInt(90))
                    + "\"]},\"urls\":[\"https://forum.example.org/t/" + i + "\"],\"context\":\"benchmark\"}";
        }
        if (pick < 9) {
            return "{\"kind\":\"OPT_OUT\"," + requester + ",\"scope\":\"DOMAIN\",\"target\":\"site" + i + "-"
                    + random.nextInt(1_000_000) + ".example.org\",\"userAgents\":[\"GPTBot\",\"CCBot\"]}";
        }
        return "{\"kind\":\"COPYRIGHT\"," + requester + ",\"work\":{\"title\":\"Work " + i + "\",\"rightsholder\":\"Press\","
                + "\"type\":\"BOOK\"},\"excerpts\":[\"" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(20)
                + i + "\"],\"urls\":[],\"goodFaith\":true}";
    }
}

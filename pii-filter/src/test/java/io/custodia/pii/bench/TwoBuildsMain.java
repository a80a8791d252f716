package io.custodia.pii.bench;

import io.custodia.pii.PiiFilter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Compares two builds of pii-filter in one JVM, each in a class loader of its own, in alternating slices of time over the
 * same generated corpus, and prints the ratio per pair of slices: on a noisy machine, runs in separate JVMs spread wider
 * than most changes. Arguments: the two builds' class directories, then optionally megabytes (10),
 * personal values per 1,000 words (3), rounds (60), milliseconds per slice (500), and {@code full} (the default) or
 * {@code detectors}.
 */
public final class TwoBuildsMain {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException(
                    "usage: TwoBuildsMain CLASSES_A CLASSES_B [megabytes] [pii per 1,000 words] [rounds] [ms] [full|detectors]");
        }
        int megabytes = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int pii = args.length > 3 ? Integer.parseInt(args[3]) : FilterBenchmark.ONE_PERCENT_PII;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        long millis = args.length > 5 ? Long.parseLong(args[5]) : 500;
        boolean full = args.length <= 6 || !args[6].equals("detectors");
        Method[] slice = new Method[2];
        for (int k = 0; k < 2; k++) {
            Class<?> builds = Class.forName(Slice.class.getName(), true, loader(Path.of(args[k])));
            Object from = builds.getMethod("setUp", int.class, int.class, boolean.class).invoke(null, megabytes, pii, full);
            System.out.printf("%s: pii-filter from %s%n", k == 0 ? "A" : "B", from);
            slice[k] = builds.getMethod("run", long.class);
        }
        for (int warm = 0; warm < 3; warm++) {
            slice[0].invoke(null, millis);
            slice[1].invoke(null, millis);
        }
        double[] a = new double[rounds];
        double[] b = new double[rounds];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            // Each build goes first in half the rounds, so that neither always runs right after the other.
            int first = r % 2;
            double x = (double) slice[first].invoke(null, millis);
            double y = (double) slice[1 - first].invoke(null, millis);
            a[r] = first == 0 ? x : y;
            b[r] = first == 0 ? y : x;
            ratio[r] = b[r] / a[r];
        }
        Arrays.sort(a);
        Arrays.sort(b);
        Arrays.sort(ratio);
        System.out.printf("A: median %.1f MB/s; B: median %.1f MB/s; B/A per round: median %.3f, quartiles %.3f-%.3f, "
                + "%d rounds of %d ms%n", a[rounds / 2], b[rounds / 2], ratio[rounds / 2], ratio[rounds / 4], ratio[3 * rounds / 4],
                rounds, millis);
    }

    /** The build's classes first, then this benchmark's classes and the dependencies, but not the module's own classes. */
    private static ClassLoader loader(Path classes) throws Exception {
        if (!Files.isDirectory(classes)) {
            throw new IllegalArgumentException("not a directory of classes: " + classes);
        }
        Path own = Path.of(PiiFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!Path.of(entry).toAbsolutePath().equals(own.toAbsolutePath())) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    /** One build's filter and corpus; loaded once per build, so its statics are that build's. */
    public static final class Slice {

        private static List<String> corpus;
        private static PiiFilter filter;
        private static long bytes;

        /** Returns where this build's filter was loaded from. */
        public static String setUp(int megabytes, int pii, boolean full) throws Exception {
            String[] lastNames = FilterBenchmark.lastNames(new Random(FilterBenchmark.SEED), 40_000);
            corpus = FilterBenchmark.corpus(lastNames, megabytes, pii);
            filter = full ? FilterBenchmark.fullFilter(lastNames, 1_000_000) : PiiFilter.standard();
            bytes = corpus.stream().mapToLong(d -> d.getBytes(StandardCharsets.UTF_8).length).sum();
            return PiiFilter.class.getProtectionDomain().getCodeSource().getLocation().toString();
        }

        /** Whole passes for about {@code millis}; returns MB per second. */
        public static double run(long millis) {
            long start = System.nanoTime();
            long until = start + millis * 1_000_000L;
            long done = 0;
            long chars = 0;
            while (System.nanoTime() < until) {
                chars += FilterBenchmark.redactAll(filter, corpus);
                done += bytes;
            }
            if (chars < 0) {
                throw new AssertionError();
            }
            return done / 1e6 / ((System.nanoTime() - start) / 1e9);
        }
    }
}

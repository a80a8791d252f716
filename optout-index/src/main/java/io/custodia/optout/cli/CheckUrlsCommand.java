package io.custodia.optout.cli;

import io.custodia.optout.ByteOrderMark;
import io.custodia.optout.index.Snapshot;
import io.custodia.optout.index.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks a list of URLs against an index version, as a crawler does before it fetches or a pipeline before it keeps. */
@Command(name = "check-urls", description = {
    "Checks URLs, one per line, against an index version and prints one tab-separated line per URL, in order:",
    "KEPT, the URL; or EXCLUDED, the URL, the rule id, its kind and its source."})
final class CheckUrlsCommand implements Callable<Integer> {

    /** Lines checked together: enough for {@link Snapshot#checkUrls} to overlap its table reads. */
    private static final int CHUNK = 4096;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOptions index;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "URLs, one per line (default: standard input)")
    Path file;

    @Override
    public Integer call() throws IOException {
        Snapshot snapshot = index.open();
        PrintWriter out = spec.commandLine().getOut();
        long checked = 0;
        long excluded = 0;
        try (BufferedReader in = file == null
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8.newDecoder()))
                : Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            skipByteOrderMark(in);
            List<String> urls = new ArrayList<>(CHUNK);
            for (String line = next(in, checked + urls.size()); ; line = next(in, checked + urls.size())) {
                if (line != null) {
                    urls.add(line.strip());
                }
                if (urls.size() == CHUNK || line == null && !urls.isEmpty()) {
                    List<Verdict> verdicts = snapshot.checkUrls(urls);
                    for (int i = 0; i < urls.size(); i++) {
                        switch (verdicts.get(i)) {
                            case Verdict.Excluded e -> {
                                out.append("EXCLUDED\t").append(urls.get(i)).append('\t').append(e.ruleId()).append('\t')
                                        .append(e.kind().name()).append('\t').append(e.source().name()).append('\n');
                                excluded++;
                            }
                            case Verdict.Kept k -> out.append("KEPT\t").append(urls.get(i)).append('\n');
                        }
                    }
                    checked += urls.size();
                    urls.clear();
                }
                if (line == null) {
                    break;
                }
            }
        }
        out.flush();
        spec.commandLine().getErr().printf("%d URLs checked against version %s: %d excluded%n", checked,
                snapshot.manifest().version(), excluded);
        return 0;
    }

    private void skipByteOrderMark(BufferedReader in) throws IOException {
        try {
            ByteOrderMark.skip(in);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw notUtf8(0);
        }
    }

    /** The next line, or null at the end; bytes that are not UTF-8 are bad input. */
    private String next(BufferedReader in, long read) throws IOException {
        try {
            return in.readLine();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw notUtf8(read);
        }
    }

    /** The reader decodes ahead of the line it returns, so the bad bytes are at the line after {@code read} or later. */
    private OptoutIndexCli.BadInput notUtf8(long read) {
        return new OptoutIndexCli.BadInput((file == null ? "standard input" : file) + " is not UTF-8 (at or after line "
                + (read + 1) + ")");
    }
}

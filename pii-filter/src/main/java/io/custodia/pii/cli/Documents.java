package io.custodia.pii.cli;

import io.custodia.pii.PiiFilter;
import io.custodia.pii.StreamingRedactor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Where documents come from and go to: a file or standard input, plain text or JSONL, a file written atomically or standard output. */
final class Documents {

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "input file; standard input when absent")
    Path input;

    @Option(names = "--jsonl", description = "one JSON object per line; filter the field given by --field")
    boolean jsonl;

    @Option(names = "--field", defaultValue = "text", description = "the JSONL field holding the text (default: ${DEFAULT-VALUE})")
    String field;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "output file, written atomically; standard output when absent")
    Path output;

    BufferedReader reader() throws IOException {
        if (input == null) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        if (!Files.isReadable(input)) {
            throw new PiiFilterCli.BadInput("cannot read " + input);
        }
        return Files.newBufferedReader(input, StandardCharsets.UTF_8);
    }

    /** Runs the writer against a temporary file next to the output and moves it into place only when it succeeded. */
    void write(WriterBody body, Writer stdout) throws IOException {
        if (output == null) {
            body.write(stdout);
            stdout.flush();
            return;
        }
        Path parent = output.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(parent, ".pii-filter-", ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                body.write(writer);
            }
            Files.move(temporary, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Streams plain text through a redactor in constant memory; what it may send goes to {@code out} if given. */
    static StreamingRedactor stream(java.io.Reader in, PiiFilter filter, Writer out) throws IOException {
        StreamingRedactor stream = filter.streaming();
        char[] buffer = new char[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            String safe = stream.accept(java.nio.CharBuffer.wrap(buffer, 0, n));
            if (out != null) {
                out.write(safe);
            }
        }
        String rest = stream.finish();
        if (out != null) {
            out.write(rest);
        }
        return stream;
    }

    interface WriterBody {
        void write(Writer writer) throws IOException;
    }
}

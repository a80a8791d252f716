package io.custodia.pii.cli;

import io.custodia.pii.PiiFilter;
import java.io.BufferedReader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Writes the input with personal data replaced; JSONL documents whose policy says so are dropped, and counted. */
@Command(name = "redact", mixinStandardHelpOptions = true,
        description = "Redact text (streamed, in constant memory) or the chosen field of each JSONL object.")
final class RedactCommand implements Callable<Integer> {

    @Mixin
    Documents documents;

    @Mixin
    FilterOptions filterOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PiiFilter filter = filterOptions.filter();
        long[] counts = new long[3];
        try (BufferedReader in = documents.reader()) {
            documents.write(out -> {
                if (!documents.jsonl) {
                    counts[2] = Documents.stream(in, filter, out).report().findings().size();
                    return;
                }
                JsonLines.forEachObject(in, documents.field, (line, object, text) -> {
                    switch (filter.redact(text)) {
                        case PiiFilter.Outcome.Redacted redacted -> {
                            object.put(documents.field, redacted.text());
                            out.write(ScanCommand.JSON.writeValueAsString(object));
                            out.write('\n');
                            counts[0]++;
                            counts[2] += redacted.report().findings().size();
                        }
                        case PiiFilter.Outcome.Dropped dropped -> {
                            counts[1]++;
                            counts[2] += dropped.report().findings().size();
                        }
                    }
                });
            }, spec.commandLine().getOut());
        }
        spec.commandLine().getErr().printf("pii-filter: %d values redacted%s%n", counts[2],
                documents.jsonl ? ", " + counts[0] + " documents written, " + counts[1] + " dropped" : "");
        return 0;
    }
}

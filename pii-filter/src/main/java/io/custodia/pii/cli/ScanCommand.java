package io.custodia.pii.cli;

import io.custodia.pii.PiiFilter;
import io.custodia.pii.Report;
import io.custodia.pii.StreamingRedactor;
import java.io.BufferedReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reports what a document holds: types, counts and offsets, never the values. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Report the personal data in text or JSONL: one JSON line per document with types, counts and offsets.")
final class ScanCommand implements Callable<Integer> {

    /** Refuses an object with a field twice: readers differ on which one counts, and the other would pass unfiltered. */
    static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    @Mixin
    Documents documents;

    @Mixin
    FilterOptions filterOptions;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PiiFilter filter = filterOptions.filter();
        try (BufferedReader in = documents.reader()) {
            documents.write(out -> {
                if (!documents.jsonl) {
                    StreamingRedactor stream = Documents.stream(in, filter, null);
                    out.write(JSON.writeValueAsString(summary(stream.report(), 1)));
                    out.write('\n');
                    return;
                }
                JsonLines.forEach(in, documents.field, (line, text) -> {
                    out.write(JSON.writeValueAsString(summary(filter.redact(text).report(), line)));
                    out.write('\n');
                });
            }, spec.commandLine().getOut());
        }
        return 0;
    }

    static Map<String, Object> summary(Report report, long line) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("line", line);
        summary.put("counts", report.counts());
        List<Map<String, Object>> findings = report.findings().stream()
                .map(f -> {
                    Map<String, Object> finding = new LinkedHashMap<>();
                    finding.put("type", f.type().name());
                    finding.put("start", f.start());
                    finding.put("end", f.end());
                    return finding;
                })
                .toList();
        summary.put("findings", findings);
        return summary;
    }
}

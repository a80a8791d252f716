package io.custodia.governance.audit;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** The CSV form of exported audit entries: one header row, then one row per entry, RFC 4180 quoting. */
final class AuditExportFormat {

    static final String[] COLUMNS = {"seq", "occurredAt", "actor", "role", "action", "requestId", "details", "prevHash", "hash"};

    private AuditExportFormat() {}

    static String toCsv(List<AuditEntry> entries) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = CSVFormat.RFC4180.builder().setHeader(COLUMNS).get().print(out)) {
            for (AuditEntry e : entries) {
                printer.printRecord(e.seq(), e.occurredAt().toString(), e.actor(), e.role(), e.action(),
                        e.requestId() == null ? "" : e.requestId().toString(), e.details(), e.prevHash(), e.hash());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static List<AuditEntry> fromCsv(Reader in) throws IOException {
        List<AuditEntry> entries = new ArrayList<>();
        var format = CSVFormat.RFC4180.builder().setHeader(COLUMNS).setSkipHeaderRecord(true).get();
        for (CSVRecord r : format.parse(in)) {
            String requestId = r.get("requestId");
            entries.add(new AuditEntry(
                    Long.parseLong(r.get("seq")),
                    Instant.parse(r.get("occurredAt")),
                    r.get("actor"),
                    r.get("role"),
                    r.get("action"),
                    requestId.isEmpty() ? null : UUID.fromString(requestId),
                    r.get("details"),
                    r.get("prevHash"),
                    r.get("hash")));
        }
        return entries;
    }
}

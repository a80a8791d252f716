package io.custodia.governance.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks exported audit files offline, without the service or its database: what an outside auditor runs on what
 * {@code GET /api/v1/audit/events} gave them. Exit 0 intact, 1 broken or unreadable, 2 bad usage.
 */
@Command(name = "verify-audit", mixinStandardHelpOptions = true,
        description = "Verify the hash chain of exported audit events (CSV or JSON pages), given in chain order.")
public final class AuditExportVerifier implements Callable<Integer> {

    public static final String COMMAND = "verify-audit";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "exported pages, in order (.csv or .json)")
    List<Path> files;

    @Option(names = "--partial", description = "the export does not start at entry 1: trust its first previous hash")
    boolean partial;

    @Option(names = "--expect-head", description = "fail unless the last entry's hash is this one (from a trusted source)")
    String expectedHead;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static int run(String... args) {
        return new CommandLine(new AuditExportVerifier()).execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<AuditEntry> entries = new ArrayList<>();
        for (Path file : files) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                entries.addAll(file.toString().endsWith(".csv") ? AuditExportFormat.fromCsv(in) : fromJson(in));
            } catch (IOException | RuntimeException e) {
                err.println("cannot read " + file + ": " + e.getMessage());
                return 1;
            }
        }
        ChainVerification result = ChainVerification.walk(entries.iterator(), partial);
        if (!result.valid()) {
            out.printf("BROKEN at entry %d: %s%n", result.firstInvalid().seq(), result.firstInvalid().reason());
            return 1;
        }
        if (expectedHead != null && !expectedHead.equalsIgnoreCase(result.head())) {
            out.printf("BROKEN: head is %s, expected %s (entries were added or removed at the end)%n", result.head(), expectedHead);
            return 1;
        }
        out.printf("INTACT: %d entries from %d, head %s%n", result.length(), result.startsAt(), result.head());
        return 0;
    }

    private static List<AuditEntry> fromJson(Reader in) throws JacksonException {
        JsonNode root = JSON.readTree(in);
        JsonNode events = root.isArray() ? root : root.path("events");
        if (!events.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of events or an object with \"events\"");
        }
        List<AuditEntry> entries = new ArrayList<>();
        for (JsonNode event : events) {
            entries.add(JSON.treeToValue(event, AuditEntry.class));
        }
        return entries;
    }
}

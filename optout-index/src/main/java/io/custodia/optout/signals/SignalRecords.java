package io.custodia.optout.signals;

import io.custodia.optout.ByteOrderMark;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Crawled opt-out signals, offline: JSON lines of {@code {"domain", "robots_txt" | "tdmrep_json", "fetched_at"}}, from one
 * file or every {@code .jsonl} file of a directory in name order. A null or absent body means the file was missing.
 */
public final class SignalRecords {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private SignalRecords() {}

    /** One host's fetched signal files. */
    public record Signal(String domain, String robotsTxt, String tdmrepJson, LocalDate fetched) {}

    /** The outcome of reading: the records, or the first line that is not one. */
    public sealed interface Read {
        record Signals(List<Signal> signals) implements Read {}

        record Malformed(String file, long line, String reason) implements Read {}
    }

    public static Read read(Path input) throws IOException {
        List<Path> files;
        if (Files.isDirectory(input)) {
            try (Stream<Path> list = Files.list(input)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
            }
        } else {
            files = List.of(input);
        }
        List<Signal> signals = new ArrayList<>();
        for (Path file : files) {
            try (BufferedReader in = ByteOrderMark.skip(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
                long number = 0;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    String problem = parse(line, signals);
                    if (problem != null) {
                        return new Read.Malformed(file.getFileName().toString(), number, problem);
                    }
                }
            }
        }
        return new Read.Signals(signals);
    }

    private static String parse(String line, List<Signal> signals) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JacksonException e) {
            return "not valid JSON";
        }
        if (!(node instanceof ObjectNode object)) {
            return "not a JSON object";
        }
        String domain = string(object, "domain");
        if (domain == null || domain.isBlank() || domain.contains("/")) {
            return "domain must be a host name";
        }
        String fetched = string(object, "fetched_at");
        LocalDate day;
        try {
            day = LocalDate.parse(fetched == null ? "" : fetched.length() > 10 ? fetched.substring(0, 10) : fetched);
        } catch (DateTimeParseException e) {
            return "fetched_at must be an ISO date or timestamp";
        }
        JsonNode robots = object.get("robots_txt");
        JsonNode tdmrep = object.get("tdmrep_json");
        if (robots != null && !robots.isNull() && !robots.isString()) {
            return "robots_txt must be a string or null";
        }
        String tdmrepText = null;
        if (tdmrep != null && !tdmrep.isNull()) {
            // Either the file's text, or its JSON inlined.
            tdmrepText = tdmrep.isString() ? tdmrep.asString() : tdmrep.toString();
        }
        signals.add(new Signal(domain.strip(), robots == null || robots.isNull() ? null : robots.asString(), tdmrepText, day));
        return null;
    }

    private static String string(ObjectNode object, String field) {
        JsonNode node = object.get(field);
        return node == null || !node.isString() ? null : node.asString();
    }
}

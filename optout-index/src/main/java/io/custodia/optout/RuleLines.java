package io.custodia.optout;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rules as JSON lines, one object per rule: {@code id} (optional, derived when absent), {@code kind}, {@code value},
 * {@code allow}, {@code source}, {@code ref}, {@code agents}, {@code effective} (ISO date) and, for CONTENT, {@code text},
 * the protected passage, which the index keeps only as fingerprints. Targets from requests and staff are normalized as
 * the request portal does; a line that does not hold a rule is reported with its number, never its content.
 */
public final class RuleLines {

    /** Refuses a rule with a field twice ({@code "value"} twice, say): which one is meant is anyone's guess. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** Writes into the caller's writer and leaves it open; lines are separated by the writer's own newlines. */
    private static final ObjectMapper WRITER = JsonMapper.builder(JsonFactory.builder().rootValueSeparator((String) null).build())
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    private static final TargetNormalizer TARGETS = new TargetNormalizer();

    private RuleLines() {}

    /** A rule as read, with the protected text of a CONTENT rule (null for other kinds). */
    public record Input(Rule rule, String text) {}

    /** The outcome of reading a rules file. */
    public sealed interface Read {
        record Rules(List<Input> rules) implements Read {}

        record Malformed(long line, String reason) implements Read {}
    }

    /**
     * Reads every rule, or reports the first line that is not one. Lines are parsed and normalized in parallel, in
     * batches, which is most of the time a rebuild of millions of rules takes; the result keeps the file's order.
     */
    public static Read read(BufferedReader in) throws IOException {
        ByteOrderMark.skip(in);
        List<Input> rules = new ArrayList<>();
        long number = 0;
        List<String> batch = new ArrayList<>(BATCH);
        for (String line = in.readLine(); ; line = in.readLine()) {
            if (line != null) {
                batch.add(line);
            }
            if (batch.size() == BATCH || (line == null && !batch.isEmpty())) {
                List<Read> parsed = batch.parallelStream().map(RuleLines::parseLine).toList();
                for (Read result : parsed) {
                    number++;
                    switch (result) {
                        case Read.Rules found -> rules.addAll(found.rules());
                        case Read.Malformed bad -> {
                            return new Read.Malformed(number, bad.reason());
                        }
                    }
                }
                batch.clear();
            }
            if (line == null) {
                return new Read.Rules(rules);
            }
        }
    }

    private static final int BATCH = 1 << 14;

    /** The rule on one line (none for a blank line), or what is wrong with it; the line number is filled in later. */
    private static Read parseLine(String line) {
        if (line.isBlank()) {
            return new Read.Rules(List.of());
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JacksonException e) {
            String message = e.getOriginalMessage();
            return new Read.Malformed(0, message != null && message.startsWith("Duplicate")
                    ? "not valid JSON: a field appears twice in one object" : "not valid JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            return new Read.Malformed(0, "not a JSON object");
        }
        List<Input> one = new ArrayList<>(1);
        String problem = parse(object, one);
        return problem != null ? new Read.Malformed(0, problem) : new Read.Rules(one);
    }

    /** Adds the rule on this line, or returns what is wrong with it. */
    private static String parse(ObjectNode object, List<Input> rules) {
        RuleKind kind = enumValue(RuleKind.class, text(object, "kind"));
        RuleSource source = enumValue(RuleSource.class, text(object, "source"));
        String value = text(object, "value");
        String effective = text(object, "effective");
        if (kind == null) {
            return "kind must be one of DOMAIN, URL_PREFIX, URL, CONTENT";
        }
        if (source == null) {
            return "source must be one of REQUEST, ROBOTS_TXT, TDMREP, MANUAL";
        }
        if (value == null || value.isBlank()) {
            return "value is missing";
        }
        LocalDate day;
        try {
            day = LocalDate.parse(effective == null ? "" : effective.length() > 10 ? effective.substring(0, 10) : effective);
        } catch (DateTimeParseException e) {
            return "effective must be an ISO date (2026-01-31)";
        }
        String text = null;
        if (kind == RuleKind.CONTENT) {
            text = text(object, "text");
            if (text == null || text.isBlank()) {
                return "a CONTENT rule needs the protected text in 'text'";
            }
        } else if (source == RuleSource.REQUEST || source == RuleSource.MANUAL) {
            Scope scope = switch (kind) {
                case DOMAIN -> Scope.DOMAIN;
                case URL_PREFIX -> Scope.URL_PREFIX;
                default -> Scope.URL;
            };
            switch (TARGETS.parse(scope, value)) {
                case TargetParse.Valid valid -> value = valid.target().value();
                case TargetParse.Invalid invalid -> {
                    return "value: " + invalid.reason();
                }
            }
        } else if (kind != RuleKind.URL_PREFIX || !(value.startsWith("https://") || value.startsWith("http://"))) {
            return "robots.txt and TDMRep rules are URL_PREFIX rules on http(s) URLs";
        }
        List<String> allow = strings(object.get("allow"));
        List<String> agents = strings(object.get("agents"));
        if (allow == null || agents == null) {
            return "allow and agents must be arrays of strings";
        }
        rules.add(new Input(new Rule(text(object, "id"), kind, value, allow, source, text(object, "ref"), agents, day), text));
        return null;
    }

    /** One rule as one line, fields in a fixed order so that equal rules are equal bytes. */
    public static void write(Writer out, Rule rule, String text) throws IOException {
        try (LineWriter lines = new LineWriter(out)) {
            lines.write(rule, text);
        }
    }

    /**
     * Writes rules as lines through one generator into a writer it leaves open. Rules files and the rules digest write
     * millions of rules this way: with a generator, and so a flush, for each rule, a rules file took 3 to 8 times as long.
     */
    public static final class LineWriter implements Closeable {

        private final JsonGenerator json;

        public LineWriter(Writer out) {
            this.json = WRITER.createGenerator(out);
        }

        /** The rule, then a newline. */
        public void write(Rule rule, String text) {
            // Streamed field by field, not built as a tree first; the bytes are those of the tree, as
            // RuleLinesDuelTest holds.
            json.writeStartObject();
            json.writeStringProperty("id", rule.id());
            json.writeStringProperty("kind", rule.kind().name());
            json.writeStringProperty("value", rule.value());
            writeStrings(json, "allow", rule.allow());
            json.writeStringProperty("source", rule.source().name());
            json.writeStringProperty("ref", rule.ref());
            writeStrings(json, "agents", rule.agents());
            json.writeStringProperty("effective", rule.effective().toString());
            if (text != null) {
                json.writeStringProperty("text", text);
            }
            json.writeEndObject();
            json.writeRaw('\n');
        }

        /** A line that is not a rule, as it is, then a newline. */
        public void writeLine(String line) {
            json.writeRaw(line);
            json.writeRaw('\n');
        }

        /** Flushes what is buffered into the writer, and the writer, which stays open. */
        @Override
        public void close() {
            json.close();
        }
    }

    private static void writeStrings(JsonGenerator json, String name, List<String> values) {
        json.writeName(name);
        json.writeStartArray();
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static String text(ObjectNode object, String field) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() || !node.isValueNode() ? null : node.asString();
    }

    private static List<String> strings(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isString()) {
                return null;
            }
            out.add(item.asString());
        }
        return out;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package io.custodia.pii.cli;

import java.io.BufferedReader;
import java.io.IOException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads JSONL one object at a time; a malformed line stops the run with its number, never its content. */
final class JsonLines {

    private JsonLines() {}

    interface Each {
        void accept(long line, String text) throws IOException;
    }

    interface EachObject {
        void accept(long line, ObjectNode object, String text) throws IOException;
    }

    static void forEach(BufferedReader in, String field, Each each) throws IOException {
        forEachObject(in, field, (line, object, text) -> each.accept(line, text));
    }

    static void forEachObject(BufferedReader in, String field, EachObject each) throws IOException {
        ByteOrderMark.skip(in);
        long number = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = ScanCommand.JSON.readTree(line);
            } catch (JacksonException e) {
                String message = e.getOriginalMessage();
                throw new PiiFilterCli.BadInput("line " + number + " is not valid JSON"
                        + (message != null && message.startsWith("Duplicate") ? ": a field appears twice in one object" : ""));
            }
            if (!(node instanceof ObjectNode object)) {
                throw new PiiFilterCli.BadInput("line " + number + " is not a JSON object");
            }
            JsonNode text = object.get(field);
            if (text == null || !text.isString()) {
                throw new PiiFilterCli.BadInput("line " + number + " has no text field '" + field + "'");
            }
            each.accept(number, object, text.asString());
        }
    }
}

package io.custodia.optout.cli;

import io.custodia.optout.Rule;
import io.custodia.optout.RuleLines;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Rules files for the commands: read whole or refused with the line at fault; written under a temporary name first. */
final class RuleFiles {

    private RuleFiles() {}

    static List<RuleLines.Input> read(List<Path> files) throws IOException {
        List<RuleLines.Input> rules = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new OptoutIndexCli.BadInput("cannot read " + file);
            }
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                switch (RuleLines.read(in)) {
                    case RuleLines.Read.Rules read -> rules.addAll(read.rules());
                    case RuleLines.Read.Malformed bad -> throw new OptoutIndexCli.BadInput(
                            file.getFileName() + " line " + bad.line() + ": " + bad.reason());
                }
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new OptoutIndexCli.BadInput(file.getFileName() + " is not valid UTF-8");
            }
        }
        return rules;
    }

    static void write(Path file, List<Rule> rules) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path tmp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                RuleLines.LineWriter lines = new RuleLines.LineWriter(out)) {
            for (Rule rule : rules) {
                lines.write(rule, null);
            }
        }
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}

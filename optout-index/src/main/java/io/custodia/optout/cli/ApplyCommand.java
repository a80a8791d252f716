package io.custodia.optout.cli;

import io.custodia.optout.index.IndexStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "apply", description = "Makes a new version from an existing one plus added and minus removed rules.")
final class ApplyCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOptions index;

    @Option(names = "--add", paramLabel = "RULES", description = "rules JSONL files to add")
    List<Path> add = List.of();

    @Option(names = "--remove", paramLabel = "ID", split = ",", description = "rule ids to remove")
    List<String> remove = List.of();

    @Option(names = "--remove-file", paramLabel = "FILE", description = "a file of rule ids to remove, one per line")
    Path removeFile;

    @Override
    public Integer call() throws Exception {
        Set<String> ids = new TreeSet<>(remove);
        if (removeFile != null) {
            if (!Files.isReadable(removeFile)) {
                throw new OptoutIndexCli.BadInput("cannot read " + removeFile);
            }
            Files.readAllLines(removeFile, StandardCharsets.UTF_8).stream().map(String::strip).filter(l -> !l.isEmpty()).forEach(ids::add);
        }
        if (add.isEmpty() && ids.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "nothing to apply: give --add, --remove or --remove-file");
        }
        return report(spec, index.store().apply(index.version(), new ArrayList<>(RuleFiles.read(add)), ids));
    }

    static int report(picocli.CommandLine.Model.CommandSpec spec, IndexStore.Building building) {
        return switch (building) {
            case IndexStore.Building.Built built -> {
                spec.commandLine().getOut().println(BuildCommand.summary(built.manifest()));
                yield 0;
            }
            case IndexStore.Building.Refused refused -> throw new OptoutIndexCli.BadInput(refused.reason());
        };
    }
}

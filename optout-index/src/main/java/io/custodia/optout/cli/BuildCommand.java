package io.custodia.optout.cli;

import io.custodia.optout.index.IndexStore;
import io.custodia.optout.index.Manifest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "build", description = "Builds a new index version from rules files, from scratch.")
final class BuildCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--index", required = true, paramLabel = "DIR", description = "the index directory; the new version goes beside the others")
    Path index;

    @Option(names = "--content-words", paramLabel = "N", description = "words in a content fingerprint (default: 8)")
    int contentWords = 8;

    @Option(names = "--content-min-chars", paramLabel = "N", description = "or chars, whichever comes first (default: 50)")
    int contentMinChars = 50;

    @Parameters(arity = "1..*", paramLabel = "RULES", description = "rules JSONL files")
    List<Path> rules;

    @Override
    public Integer call() throws Exception {
        if (contentWords < 2 || contentWords > 64 || contentMinChars < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--content-words must be 2 to 64 and --content-min-chars at least 0");
        }
        var building = new IndexStore(index, Clock.systemUTC()).build(RuleFiles.read(rules), contentWords, contentMinChars);
        return ApplyCommand.report(spec, building);
    }

    static String summary(Manifest manifest) {
        return "version " + manifest.version() + (manifest.parent() == null ? "" : " (from " + manifest.parent() + ")")
                + ": " + manifest.rules() + " rules " + manifest.kinds() + ", rules sha256 " + manifest.rulesSha256();
    }
}

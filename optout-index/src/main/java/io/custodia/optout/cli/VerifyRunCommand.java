package io.custodia.optout.cli;

import io.custodia.optout.reconstruct.RunVerification;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify-run", description = "Re-checks a run manifest against the files: every output, and the inputs when given.")
final class VerifyRunCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "the output directory of a reconstruction")
    Path run;

    @Option(names = "--in", paramLabel = "DIR", description = "the input shards, to check them against the manifest too")
    Path in;

    @Override
    public Integer call() throws Exception {
        List<String> problems = RunVerification.check(run, in);
        if (problems.isEmpty()) {
            spec.commandLine().getOut().println("run verified: every file matches " + run.resolve("run-manifest.json"));
            return 0;
        }
        problems.forEach(p -> spec.commandLine().getErr().println("optout-index: " + p));
        return OptoutIndexCli.BAD_INPUT;
    }
}

package io.custodia.inference.cli;

import io.custodia.inference.checkpoint.TinyCheckpoint;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The inference command line; today it writes tiny random Apertus checkpoints. */
@Command(name = "inference", mixinStandardHelpOptions = true, version = "inference 0.1",
        description = "Apertus checkpoints for Custodia's serving.", subcommands = InferenceCli.Tiny.class,
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:bad input", "2:bad usage"})
public final class InferenceCli {

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the CLI without exiting; what tests call. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new InferenceCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("inference: " + (e instanceof java.io.IOException io ? "cannot write: " + io.getMessage() : e.toString()));
            return 1;
        });
        return cli.execute(args);
    }

    @Command(name = "tiny", description = "Writes a small random-weight Apertus checkpoint (2 layers, hidden 64) for tests and demos.")
    static final class Tiny implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the checkpoint directory to write")
        Path out;

        @Option(names = "--seed", paramLabel = "S", description = "the random seed (default: 42); the same seed writes the same files")
        long seed = 42;

        @Override
        public Integer call() throws Exception {
            TinyCheckpoint.write(out, seed);
            spec.commandLine().getOut().println("wrote a tiny Apertus checkpoint to " + out);
            return 0;
        }
    }
}

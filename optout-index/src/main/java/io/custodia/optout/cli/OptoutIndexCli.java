package io.custodia.optout.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The optout-index command line: import signals, build and inspect exclusion indexes, reconstruct corpora. */
@Command(name = "optout-index", mixinStandardHelpOptions = true, version = "optout-index 0.1",
        description = "Builds versioned exclusion indexes from opt-out rules and signals, and reconstructs corpora with them.",
        subcommands = {ImportRobotsCommand.class, ImportTdmRepCommand.class, BuildCommand.class, ApplyCommand.class,
            InspectCommand.class, CheckUrlsCommand.class, ReconstructCommand.class, VerifyRunCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:bad input (malformed file, unusable index or bundle, unreadable shard, failed check)", "2:bad usage"})
public final class OptoutIndexCli {

    static final int BAD_INPUT = 1;

    /**
     * Lucene warns that the incubating vector API is missing, which only vector search uses; rule lookups need none of
     * it. Held in a field because the logging framework keeps loggers only weakly.
     */
    private static final java.util.logging.Logger LUCENE_VECTORS =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

    public static void main(String[] args) {
        LUCENE_VECTORS.setLevel(java.util.logging.Level.SEVERE);
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the CLI without exiting; what tests call. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new OptoutIndexCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            String message = switch (e) {
                case BadInput bad -> bad.getMessage();
                case java.nio.file.NoSuchFileException missing -> "no such file: " + missing.getFile();
                case java.io.IOException io -> "cannot read or write: " + io.getMessage();
                default -> e.toString();
            };
            commandLine.getErr().println("optout-index: " + message);
            return BAD_INPUT;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError tooLarge) {
            // Input larger than the heap (a rules line of gigabytes, say) is bad input, told as such, with nothing written.
            err.println("optout-index: out of memory: an input is larger than this JVM's heap; give it more with -Xmx");
            return BAD_INPUT;
        }
    }

    /** Input that cannot be used; the message says what and where, never the content. */
    static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message);
        }
    }
}

package io.custodia.pii.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The pii-filter command line: scan and redact text or JSONL, and build, verify and inspect hash bundles. */
@Command(name = "pii-filter", mixinStandardHelpOptions = true, version = "pii-filter 0.1",
        description = "Finds and redacts personal data; builds and checks signed PII hash bundles.",
        subcommands = {ScanCommand.class, RedactCommand.class, BundleCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:bad input (unreadable file, malformed line, rejected or stale bundle)", "2:bad usage"})
public final class PiiFilterCli {

    /** Exit code for input that cannot be processed. */
    static final int BAD_INPUT = 1;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the CLI without exiting; what tests call. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new PiiFilterCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            String message = switch (e) {
                case BadInput bad -> bad.getMessage();
                case java.nio.charset.CharacterCodingException coding -> "the input is not valid UTF-8";
                case java.io.IOException io -> "cannot read or write: " + io.getMessage();
                default -> e.toString();
            };
            commandLine.getErr().println("pii-filter: " + message);
            return BAD_INPUT;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError tooLarge) {
            // A JSON line is held whole: one larger than the heap is bad input, told as such, with nothing written.
            err.println("pii-filter: out of memory: a document or line is larger than this JVM's heap; give it more with -Xmx");
            return BAD_INPUT;
        }
    }

    /** Input that cannot be processed; its message is for the person at the terminal and never holds input values. */
    static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message);
        }
    }
}

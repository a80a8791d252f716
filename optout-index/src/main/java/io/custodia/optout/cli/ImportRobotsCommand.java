package io.custodia.optout.cli;

import io.custodia.optout.Rule;
import io.custodia.optout.signals.RobotsImport;
import io.custodia.optout.signals.SignalRecords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "import-robots", description = "Turns crawled robots.txt files into rules for the AI agents they block.")
final class ImportRobotsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "FILE|DIR",
            description = "JSONL of {domain, robots_txt, fetched_at}, or a directory of such .jsonl files")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "rules JSONL to write")
    Path out;

    @Option(names = "--agents", split = ",", paramLabel = "UA", description = "AI user agents (default: the 12 Apertus honoured)")
    List<String> agents = RobotsImport.APERTUS_AGENTS;

    @Override
    public Integer call() throws Exception {
        RobotsImport importer = new RobotsImport(agents);
        List<Rule> rules = new ArrayList<>();
        int hosts = 0;
        switch (SignalRecords.read(in)) {
            case SignalRecords.Read.Malformed bad -> throw new OptoutIndexCli.BadInput(bad.file() + " line " + bad.line() + ": " + bad.reason());
            case SignalRecords.Read.Signals read -> {
                for (SignalRecords.Signal signal : read.signals()) {
                    List<Rule> found = importer.rules(signal.domain(), signal.robotsTxt(), signal.fetched());
                    hosts += found.isEmpty() ? 0 : 1;
                    rules.addAll(found);
                }
            }
        }
        RuleFiles.write(out, rules);
        spec.commandLine().getOut().printf("%d rules from %d hosts that reserve paths%n", rules.size(), hosts);
        return 0;
    }
}

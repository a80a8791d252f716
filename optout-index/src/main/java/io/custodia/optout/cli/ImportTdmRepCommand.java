package io.custodia.optout.cli;

import io.custodia.optout.Rule;
import io.custodia.optout.signals.SignalRecords;
import io.custodia.optout.signals.TdmRepImport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "import-tdmrep", description = "Turns crawled /.well-known/tdmrep.json files into rules for what they reserve.")
final class ImportTdmRepCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "FILE|DIR",
            description = "JSONL of {domain, tdmrep_json, fetched_at}, or a directory of such .jsonl files")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "rules JSONL to write")
    Path out;

    @Override
    public Integer call() throws Exception {
        TdmRepImport importer = new TdmRepImport();
        List<Rule> rules = new ArrayList<>();
        int ignored = 0;
        int malformed = 0;
        switch (SignalRecords.read(in)) {
            case SignalRecords.Read.Malformed bad -> throw new OptoutIndexCli.BadInput(bad.file() + " line " + bad.line() + ": " + bad.reason());
            case SignalRecords.Read.Signals read -> {
                for (SignalRecords.Signal signal : read.signals()) {
                    switch (importer.rules(signal.domain(), signal.tdmrepJson(), signal.fetched())) {
                        case TdmRepImport.Parse.Parsed parsed -> {
                            rules.addAll(parsed.rules());
                            ignored += parsed.ignoredEntries();
                        }
                        // A site's broken file reserves nothing; it is counted, not fatal to the import.
                        case TdmRepImport.Parse.Malformed bad -> malformed++;
                    }
                }
            }
        }
        RuleFiles.write(out, rules);
        spec.commandLine().getOut().printf("%d rules; %d entries ignored as protocol errors; %d files not TDMRep, treated as unset%n",
                rules.size(), ignored, malformed);
        return 0;
    }
}

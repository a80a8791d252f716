package io.custodia.optout.cli;

import io.custodia.optout.Rule;
import io.custodia.optout.RuleLines;
import io.custodia.optout.index.Manifest;
import io.custodia.optout.index.Snapshot;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "inspect", description = "Prints a version's manifest and, when asked, the rules for a host, request or rule id.")
final class InspectCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOptions index;

    @ArgGroup(exclusive = true)
    Find find;

    static final class Find {
        @Option(names = "--host", paramLabel = "HOST", description = "rules about this host (exactly as normalized: lower case, punycode)")
        String host;

        @Option(names = "--ref", paramLabel = "REF", description = "rules from this request id, or robots.txt/TDMRep of this host")
        String ref;

        @Option(names = "--rule", paramLabel = "ID", description = "the rule with this id")
        String rule;

        @Option(names = "--url", paramLabel = "URL", description = "whether this URL is excluded, and by which rule")
        String url;
    }

    @Override
    public Integer call() throws Exception {
        Snapshot snapshot = index.open();
        PrintWriter out = spec.commandLine().getOut();
        Manifest manifest = snapshot.manifest();
        out.println(BuildCommand.summary(manifest));
        out.printf("created %s; sources %s; %d requests; content fingerprints of %d words or %d chars; %d files verified%n",
                manifest.created(), manifest.sources(), manifest.requests().size(), manifest.contentWords(),
                manifest.contentMinChars(), manifest.files().size());
        if (find == null) {
            return 0;
        }
        if (find.url != null) {
            out.println(find.url + ": " + snapshot.checkUrl(find.url));
            return 0;
        }
        List<Rule> rules = find.host != null ? snapshot.find("host", find.host)
                : find.ref != null ? snapshot.find("ref", find.ref) : snapshot.find("id", find.rule);
        for (Rule rule : rules) {
            RuleLines.write(out, rule, null);
        }
        out.flush();
        return 0;
    }
}

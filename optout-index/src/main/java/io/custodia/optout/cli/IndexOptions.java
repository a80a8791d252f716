package io.custodia.optout.cli;

import io.custodia.optout.index.IndexStore;
import io.custodia.optout.index.Snapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/** Which index directory and version a command works on. */
final class IndexOptions {

    @Option(names = "--index", required = true, paramLabel = "DIR", description = "the index directory (one subdirectory per version)")
    Path index;

    @Option(names = "--version", paramLabel = "V", description = "the version to use (default: the latest)")
    String version;

    IndexStore store() {
        return new IndexStore(index, Clock.systemUTC());
    }

    String version() throws IOException {
        if (version != null) {
            return version;
        }
        return store().latest().orElseThrow(() -> new OptoutIndexCli.BadInput("there is no index version in " + index));
    }

    Snapshot open() throws IOException {
        return switch (store().open(version())) {
            case IndexStore.Opening.Opened opened -> opened.snapshot();
            case IndexStore.Opening.Unusable unusable -> throw new OptoutIndexCli.BadInput(unusable.reason());
        };
    }
}

package io.custodia.optout.reconstruct;

import io.custodia.optout.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;

/** Re-checks a run manifest against the files it names, as an auditor does. */
public final class RunVerification {

    private RunVerification() {}

    /** What does not match: empty when the run is intact. {@code in} may be null to skip checking the inputs. */
    public static List<String> check(Path run, Path in) throws IOException {
        Path file = run.resolve(RunManifest.FILE);
        if (!Files.isReadable(file)) {
            return List.of("no " + RunManifest.FILE + " in " + run);
        }
        RunManifest manifest;
        try {
            manifest = Reconstruction.JSON.readValue(file.toFile(), RunManifest.class);
        } catch (JacksonException e) {
            return List.of(RunManifest.FILE + " is not a run manifest");
        }
        List<String> problems = new ArrayList<>();
        for (RunManifest.Shard shard : manifest.shards()) {
            if (shard.failed() != null) {
                problems.add("shard " + shard.shard() + " was quarantined: " + shard.failed());
            }
            if (in != null) {
                Path input = in.resolve(shard.shard());
                if (!Files.exists(input)) {
                    problems.add("input " + shard.shard() + " is missing");
                } else if (!Digests.sha256(input).equals(shard.inputSha256())) {
                    problems.add("input " + shard.shard() + " differs from the one the run read");
                }
            }
            for (RunManifest.Output output : shard.outputs()) {
                Path path = run.resolve(output.path());
                if (!path.normalize().startsWith(run.normalize())) {
                    problems.add(output.path() + " points outside the run");
                } else if (!Files.exists(path)) {
                    problems.add(output.path() + " is missing");
                } else if (!Digests.sha256(path).equals(output.sha256())) {
                    problems.add(output.path() + " does not match its checksum");
                }
            }
        }
        return problems;
    }
}

package io.custodia.optout.reconstruct;

import java.util.List;
import java.util.Map;

/**
 * What a reconstruction did, written as {@code run-manifest.json} beside its outputs: the index version and rules digest,
 * the PII bundle version, the zstd level of {@code .jsonl.zst} outputs, and per shard the SHA-256 of its input and of
 * each file written, with counts by reason. It holds no time stamps, so that an auditor who reruns the reconstruction
 * gets this file byte for byte too.
 */
public record RunManifest(int format, String indexVersion, String indexRulesSha256, String bundleVersion,
        Integer zstdLevel, List<Shard> shards, Map<String, Long> totals) {

    /** 2 since the zstd level is recorded; format 1 runs, whose manifests have no level, wrote zstd at level 3. */
    static final int FORMAT = 2;
    public static final String FILE = "run-manifest.json";

    /**
     * One input shard: its path relative to the input directory and what became of it. {@code failed} holds the
     * reason when the shard as a whole could not be read; it then has no outputs and a rerun tries it again.
     */
    public record Shard(String shard, String inputSha256, long documents, long kept, long redacted, long removed,
            long malformed, Map<String, Long> reasons, List<Output> outputs, String failed) {}

    /** A file written for a shard, relative to the output directory. */
    public record Output(String path, String sha256) {}
}

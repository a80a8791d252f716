package io.custodia.optout.index;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a snapshot holds, written next to it as {@code manifest.json}: its version and parent, rule counts by kind and
 * by source, the ids of the requests it enforces, the content-fingerprint parameters, a SHA-256 over its rules in
 * canonical form ({@code rulesSha256}: equal for equal rule sets, however they were built) and the SHA-256 of every
 * index file, which opening checks.
 */
public record Manifest(int format, String version, Instant created, String parent, String rulesSha256, int rules,
        Map<String, Integer> kinds, Map<String, Integer> sources, List<String> requests, int contentWords,
        int contentMinChars, Map<String, String> files) {

    static final int FORMAT = 1;
}

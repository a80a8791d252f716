package io.custodia.optout.index;

import io.custodia.optout.Rule;
import io.custodia.optout.RuleKind;
import io.custodia.optout.RuleSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** What a manifest says of a snapshot's rules: the digest of their canonical lines in id order, and counts. */
record RulesSummary(String digest, Map<String, Integer> kinds, Map<String, Integer> sources, List<String> requests) {

    /** Of rules already in id order. */
    static RulesSummary of(List<StoredRule> ordered) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        int[] kindCounts = new int[RuleKind.values().length];
        int[] sourceCounts = new int[RuleSource.values().length];
        TreeSet<String> requests = new TreeSet<>();
        for (StoredRule stored : ordered) {
            Rule rule = stored.rule();
            kindCounts[rule.kind().ordinal()]++;
            sourceCounts[rule.source().ordinal()]++;
            if (rule.source() == RuleSource.REQUEST && !rule.ref().isEmpty()) {
                requests.add(rule.ref());
            }
            sha.update(stored.canonical().getBytes(StandardCharsets.UTF_8));
        }
        Map<String, Integer> kinds = new TreeMap<>();
        for (RuleKind kind : RuleKind.values()) {
            if (kindCounts[kind.ordinal()] > 0) {
                kinds.put(kind.name(), kindCounts[kind.ordinal()]);
            }
        }
        Map<String, Integer> sources = new TreeMap<>();
        for (RuleSource source : RuleSource.values()) {
            if (sourceCounts[source.ordinal()] > 0) {
                sources.put(source.name(), sourceCounts[source.ordinal()]);
            }
        }
        return new RulesSummary(HexFormat.of().formatHex(sha.digest()), kinds, sources, List.copyOf(requests));
    }
}

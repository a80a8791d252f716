package io.custodia.optout.index;

import io.custodia.optout.Digests;
import io.custodia.optout.Rule;
import io.custodia.optout.RuleKind;
import io.custodia.optout.RuleLines;
import io.custodia.optout.RuleSource;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/** What a manifest says of a snapshot's rules: the digest of their canonical lines in id order, and counts. */
record RulesSummary(String digest, Map<String, Integer> kinds, Map<String, Integer> sources, List<String> requests) {

    /** Of rules already in id order. */
    static RulesSummary of(List<StoredRule> ordered) {
        MessageDigest sha = Digests.sha256();
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
        }
        // The canonical lines, the costly part, are written on every core, a wave of chunks at a time so that only a
        // wave is held in memory; the digest takes them in order.
        int chunks = (ordered.size() + CHUNK - 1) / CHUNK;
        int wave = 4 * Runtime.getRuntime().availableProcessors();
        for (int first = 0; first < chunks; first += wave) {
            List<byte[]> lines = IntStream.range(first, Math.min(chunks, first + wave)).parallel()
                    .mapToObj(c -> canonicalLines(ordered.subList(c * CHUNK, Math.min(ordered.size(), (c + 1) * CHUNK))))
                    .toList();
            lines.forEach(sha::update);
        }
        return new RulesSummary(HexFormat.of().formatHex(sha.digest()), byName(RuleKind.values(), kindCounts),
                byName(RuleSource.values(), sourceCounts), List.copyOf(requests));
    }

    /** The counts that are not zero, by the name of what they count. */
    private static Map<String, Integer> byName(Enum<?>[] values, int[] counts) {
        Map<String, Integer> named = new TreeMap<>();
        for (Enum<?> value : values) {
            if (counts[value.ordinal()] > 0) {
                named.put(value.name(), counts[value.ordinal()]);
            }
        }
        return named;
    }

    private static final int CHUNK = 1 << 14;

    private static byte[] canonicalLines(List<StoredRule> rules) {
        StringWriter lines = new StringWriter(rules.size() * 128);
        try (RuleLines.LineWriter out = new RuleLines.LineWriter(lines)) {
            for (StoredRule rule : rules) {
                rule.writeCanonical(out);
            }
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }
}

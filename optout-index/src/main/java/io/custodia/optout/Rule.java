package io.custodia.optout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One exclusion rule. {@code value} is a host (DOMAIN), a URL prefix or pattern (URL_PREFIX), a normalized URL (URL) or
 * the title of a protected work (CONTENT, whose text travels separately and is kept only as fingerprints). {@code allow}
 * lists patterns that a more specific robots.txt Allow or an earlier TDMRep entry exempts. {@code agents} are the user
 * agents or purposes reserved; {@code effective} is the day the reservation was made, kept for the record: rules apply
 * to every document, whenever it was crawled, as Apertus applied its 2025 robots.txt snapshot retroactively.
 */
public record Rule(String id, RuleKind kind, String value, List<String> allow, RuleSource source, String ref,
        List<String> agents, LocalDate effective) {

    public Rule {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(effective, "effective");
        allow = List.copyOf(allow == null ? List.of() : allow);
        agents = List.copyOf(agents == null ? List.of() : agents);
        ref = ref == null ? "" : ref;
        if (id == null || id.isBlank()) {
            id = defaultId(kind, value, allow, source, ref);
        }
    }

    /** A stable id from what the rule says, so the same rule imported twice is one rule. */
    static String defaultId(RuleKind kind, String value, List<String> allow, RuleSource source, String ref) {
        MessageDigest sha = SHA.get();
        for (String part : List.of(kind.name(), value, String.join("\u0000", allow), source.name(), ref)) {
            sha.update(part.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return kind.name().toLowerCase(java.util.Locale.ROOT).charAt(0) + "-" + HexFormat.of().formatHex(sha.digest(), 0, 10);
    }

    /** One digest per thread, reset by each {@code digest()}: looking the algorithm up per rule cost more than hashing. */
    private static final ThreadLocal<MessageDigest> SHA = ThreadLocal.withInitial(Digests::sha256);
}

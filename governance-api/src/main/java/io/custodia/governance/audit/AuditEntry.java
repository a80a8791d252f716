package io.custodia.governance.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * One link of the audit chain. Its hash is SHA-256 over {@link #canonical()}, which includes the previous entry's
 * hash, so changing any past entry breaks every link after it. The format is specified in docs/audit-chain.md.
 */
public record AuditEntry(
        long seq,
        Instant occurredAt,
        String actor,
        String role,
        String action,
        UUID requestId,
        String details,
        String prevHash,
        String hash) {

    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private static final JsonMapper CANONICAL = JsonMapper.builder().build();

    /** A JSON array of the fields in a fixed order; Jackson's string escaping makes it unambiguous. */
    public String canonical() {
        return CANONICAL.writeValueAsString(Arrays.asList(
                seq,
                DateTimeFormatter.ISO_INSTANT.format(occurredAt),
                actor,
                role,
                action,
                requestId == null ? null : requestId.toString(),
                details,
                prevHash));
    }

    public String computeHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    AuditEntry withHash() {
        return new AuditEntry(seq, occurredAt, actor, role, action, requestId, details, prevHash, computeHash());
    }
}

package io.custodia.governance.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to and reads the audit chain. Appends join the caller's transaction, so a state change and its audit entry
 * commit together or not at all, and are serialized by a transaction-scoped advisory lock so the chain never forks.
 */
@Component
public class AuditLog {

    // Arbitrary but fixed: the advisory lock key that serializes appends across all nodes.
    private static final long CHAIN_LOCK = 0x637573746f646961L;
    private static final int VERIFY_BATCH = 1000;
    private static final JsonMapper DETAILS = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public AuditEntry append(Actor actor, String action, UUID requestId, Map<String, ?> details) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query((rs, n) -> 1).list();
        var last = jdbc.sql("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .optional();
        long seq = last.map(Map.Entry::getKey).orElse(0L) + 1;
        String prev = last.map(Map.Entry::getValue).orElse(AuditEntry.GENESIS);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AuditEntry entry = new AuditEntry(seq, now, actor.id(), actor.role(), action, requestId,
                DETAILS.writeValueAsString(new TreeMap<>(details)), prev, null).withHash();
        jdbc.sql("""
                INSERT INTO audit_event (seq, occurred_at, actor, role, action, request_id, details, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(entry.seq(), OffsetDateTime.ofInstant(entry.occurredAt(), ZoneOffset.UTC), entry.actor(),
                        entry.role(), entry.action(), entry.requestId(), entry.details(), entry.prevHash(), entry.hash())
                .update();
        return entry;
    }

    @Transactional(readOnly = true)
    public List<AuditEntry> history(UUID requestId) {
        return jdbc.sql("SELECT * FROM audit_event WHERE request_id = ? ORDER BY seq")
                .param(requestId)
                .query(AuditLog::entry)
                .list();
    }

    @Transactional(readOnly = true)
    public List<AuditEntry> page(int page, int size) {
        return jdbc.sql("SELECT * FROM audit_event ORDER BY seq LIMIT ? OFFSET ?")
                .params(size, (long) page * size)
                .query(AuditLog::entry)
                .list();
    }

    @Transactional(readOnly = true)
    public long length() {
        return jdbc.sql("SELECT count(*) FROM audit_event").query(Long.class).single();
    }

    /** Recomputes every hash in batches, holding no more than one batch in memory. */
    @Transactional(readOnly = true)
    public ChainVerification verify() {
        return ChainVerification.walk(new Batches(), false);
    }

    private final class Batches implements Iterator<AuditEntry> {
        private long after = 0;
        private Iterator<AuditEntry> batch = List.<AuditEntry>of().iterator();
        private boolean exhausted;

        @Override
        public boolean hasNext() {
            if (!batch.hasNext() && !exhausted) {
                List<AuditEntry> next = jdbc.sql("SELECT * FROM audit_event WHERE seq > ? ORDER BY seq LIMIT ?")
                        .params(after, VERIFY_BATCH)
                        .query(AuditLog::entry)
                        .list();
                exhausted = next.size() < VERIFY_BATCH;
                if (!next.isEmpty()) {
                    after = next.getLast().seq();
                }
                batch = next.iterator();
            }
            return batch.hasNext();
        }

        @Override
        public AuditEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return batch.next();
        }
    }

    private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(
                rs.getLong("seq"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"),
                rs.getString("role"),
                rs.getString("action"),
                rs.getObject("request_id", UUID.class),
                rs.getString("details"),
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }
}

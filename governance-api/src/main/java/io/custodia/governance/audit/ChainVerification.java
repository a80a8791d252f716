package io.custodia.governance.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Iterator;

/**
 * The outcome of walking the audit chain: intact, or broken at a named entry.
 *
 * @param startsAt the first sequence number checked (1 for a whole chain, more for a partial export)
 * @param firstInvalid the first entry that does not hold, null when the chain is intact
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(boolean valid, long length, String head, long startsAt, Break firstInvalid) {

    /** Where and why the chain stops holding. */
    public record Break(long seq, String reason) {}

    /**
     * Walks entries in order. The first entry must be seq 1 with the genesis previous hash, unless {@code partial},
     * in which case the first entry's previous hash is taken on trust as the anchor.
     */
    static ChainVerification walk(Iterator<AuditEntry> entries, boolean partial) {
        long length = 0;
        long expectedSeq = 0;
        long startsAt = 0;
        String previous = AuditEntry.GENESIS;
        String head = AuditEntry.GENESIS;
        Break firstInvalid = null;
        while (entries.hasNext()) {
            AuditEntry entry = entries.next();
            if (length == 0) {
                startsAt = entry.seq();
                expectedSeq = partial ? entry.seq() : 1;
                previous = partial ? entry.prevHash() : AuditEntry.GENESIS;
            }
            length++;
            head = entry.hash();
            if (firstInvalid == null) {
                firstInvalid = check(entry, expectedSeq, previous);
            }
            previous = entry.hash();
            expectedSeq = entry.seq() + 1;
        }
        return new ChainVerification(firstInvalid == null, length, head, startsAt, firstInvalid);
    }

    private static Break check(AuditEntry entry, long expectedSeq, String previous) {
        if (entry.seq() != expectedSeq) {
            return new Break(entry.seq(), "sequence gap: expected entry " + expectedSeq + " (entries were removed)");
        }
        if (!entry.prevHash().equals(previous)) {
            return new Break(entry.seq(), "previous-hash link does not match entry " + (entry.seq() - 1)
                    + " (this or the previous entry was altered)");
        }
        if (!entry.computeHash().equals(entry.hash())) {
            return new Break(entry.seq(), "content does not match its hash (entry was altered)");
        }
        return null;
    }
}

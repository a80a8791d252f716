package io.custodia.governance.requests;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.custodia.governance.audit.AuditEntry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What each audience may see of a request: the requester, a reviewer, an auditor (who never sees personal data). */
final class RequestViews {

    private RequestViews() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ForRequester(UUID id, RequestKind kind, RequestStatus status, Instant createdAt, boolean emailConfirmed,
            Boolean siteOwnershipProven, Instant verifiedAt, Instant dueAt, Instant decidedAt, String rejectionReason,
            UUID duplicateOf) {

        static ForRequester of(RemovalRequest r) {
            return new ForRequester(r.id(), r.kind(), r.status(), r.createdAt(), r.emailVerifiedAt() != null,
                    r.kind() == RequestKind.OPT_OUT ? r.siteVerifiedAt() != null : null, r.verifiedAt(), r.dueAt(),
                    r.decidedAt(), r.rejectionReason(), r.duplicateOfId());
        }
    }

    record QueueItem(UUID id, RequestKind kind, RequestStatus status, Instant createdAt, Instant verifiedAt,
            Instant dueAt, boolean overdue, String assignee) {

        static QueueItem of(RemovalRequest r, Instant now) {
            return new QueueItem(r.id(), r.kind(), r.status(), r.createdAt(), r.verifiedAt(), r.dueAt(), r.overdue(now),
                    r.assignee());
        }
    }

    record ForReviewer(UUID id, RequestKind kind, RequestStatus status, Instant createdAt, Instant emailConfirmedAt,
            String siteHost, Instant siteOwnershipProvenAt, String siteOwnershipMethod, Instant verifiedAt,
            Instant dueAt, boolean overdue, String assignee, Instant decidedAt, String decidedBy, String decisionNote,
            String rejectionReason, UUID duplicateOf, Instant enforcedAt, String enforcedRelease, Submission submission,
            List<AuditEntry> history) {

        static ForReviewer of(RemovalRequest r, Submission submission, List<AuditEntry> history, Instant now) {
            return new ForReviewer(r.id(), r.kind(), r.status(), r.createdAt(), r.emailVerifiedAt(), r.siteHost(),
                    r.siteVerifiedAt(), r.siteVerifiedBy(), r.verifiedAt(), r.dueAt(), r.overdue(now), r.assignee(),
                    r.decidedAt(), r.decidedBy(), r.decisionNote(), r.rejectionReason(), r.duplicateOfId(), r.enforcedAt(),
                    r.enforcedRelease(), submission, history);
        }
    }

    /** Kinds, states, decisions and dates only: no contact data, no identifiers, no free text. */
    record ForAuditor(UUID id, RequestKind kind, RequestStatus status, Instant createdAt, Instant verifiedAt,
            Instant dueAt, boolean overdue, Instant decidedAt, String decidedBy, UUID duplicateOf, Instant enforcedAt,
            String enforcedRelease) {

        static ForAuditor of(RemovalRequest r, Instant now) {
            return new ForAuditor(r.id(), r.kind(), r.status(), r.createdAt(), r.verifiedAt(), r.dueAt(),
                    r.overdue(now), r.decidedAt(), r.decidedBy(), r.duplicateOfId(), r.enforcedAt(),
                    r.enforcedRelease());
        }
    }

    record Page<T>(List<T> items, int page, int size, long total) {}
}

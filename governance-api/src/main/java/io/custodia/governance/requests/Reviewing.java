package io.custodia.governance.requests;

import io.custodia.governance.audit.Actor;
import io.custodia.governance.protection.KeyedHash;
import jakarta.persistence.criteria.Predicate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The reviewer's work: a queue to pick from, taking a request into review, and deciding it. */
@Component
class Reviewing {

    private final RemovalRequests requests;
    private final Lifecycle lifecycle;
    private final SubmissionVault vault;
    private final ApplicationEventPublisher events;
    private final KeyedHash hash;
    private final CompletingVerification verification;
    private final Clock clock;

    Reviewing(RemovalRequests requests, Lifecycle lifecycle, SubmissionVault vault, ApplicationEventPublisher events,
            KeyedHash hash, CompletingVerification verification, Clock clock) {
        this.hash = hash;
        this.verification = verification;
        this.requests = requests;
        this.lifecycle = lifecycle;
        this.vault = vault;
        this.events = events;
        this.clock = clock;
    }

    /** Queue filters; empty sets mean "any". */
    record QueueFilter(Set<RequestKind> kinds, Set<RequestStatus> statuses, Boolean overdue, Instant createdFrom,
            Instant createdTo) {}

    @Transactional(readOnly = true)
    Page<RemovalRequest> queue(QueueFilter filter, Pageable page) {
        Instant now = clock.instant();
        Specification<RemovalRequest> spec = (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (!filter.kinds().isEmpty()) {
                where.add(root.get("kind").in(filter.kinds()));
            }
            if (!filter.statuses().isEmpty()) {
                where.add(root.get("status").in(filter.statuses()));
            }
            if (filter.overdue() != null) {
                Predicate overdue = cb.and(root.get("status").in(RequestStatus.AWAITING_DECISION),
                        cb.lessThan(root.get("dueAt"), now));
                where.add(filter.overdue() ? overdue : cb.not(overdue));
            }
            if (filter.createdFrom() != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("createdAt"), filter.createdFrom()));
            }
            if (filter.createdTo() != null) {
                where.add(cb.lessThan(root.get("createdAt"), filter.createdTo()));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
        return requests.findAll(spec, page);
    }

    StepOutcome startReview(UUID id, Actor reviewer) {
        return lifecycle.step(id, r -> true, Step.START_REVIEW, reviewer, Map.of(), r -> r.assignTo(reviewer.id()));
    }

    @Transactional
    StepOutcome approve(UUID id, String note, Actor reviewer) {
        Map<String, Object> details = new HashMap<>();
        if (note != null) {
            details.put("noteHmac", commitment(note));
        }
        return decided(lifecycle.step(id, r -> true, Step.APPROVE, reviewer, details, r -> r.noteDecision(reviewer.id(), note, null)), null);
    }

    @Transactional
    StepOutcome reject(UUID id, String reason, Actor reviewer) {
        return decided(lifecycle.step(id, r -> true, Step.REJECT, reviewer, Map.of("reasonHmac", commitment(reason)),
                r -> {
                    r.noteDecision(reviewer.id(), null, reason);
                    verification.reconsiderDuplicatesOf(r.id());
                }), reason);
    }

    /**
     * The chain commits to free text by a keyed hash only: a name typed into a reason must stay erasable, and a short
     * reason must not be confirmable by hashing guesses.
     */
    private String commitment(String text) {
        return HexFormat.of().formatHex(hash.of("audit-free-text", text));
    }

    private StepOutcome decided(StepOutcome outcome, String reason) {
        if (outcome instanceof StepOutcome.Moved moved) {
            RemovalRequest request = requests.findById(moved.id()).orElseThrow();
            events.publishEvent(new RequestDecided(moved.id(), vault.open(request).requester().email(), moved.status(), reason));
        }
        return outcome;
    }
}

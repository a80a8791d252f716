package io.custodia.governance.requests;

import io.custodia.governance.audit.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Once the e-mail is confirmed (and, for an opt-out, the site proven), the request becomes VERIFIED, gets its due
 * date, and is checked for duplicates against the requests that already cover the same subject; when such a covering
 * request later ends without approval, its duplicates are reconsidered.
 */
@Component
class CompletingVerification {

    private final Lifecycle lifecycle;
    private final RemovalRequests requests;
    private final SubjectKeys subjects;
    private final RequestsProperties properties;
    private final Clock clock;

    CompletingVerification(Lifecycle lifecycle, RemovalRequests requests, SubjectKeys subjects,
            RequestsProperties properties, Clock clock) {
        this.lifecycle = lifecycle;
        this.requests = requests;
        this.subjects = subjects;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void completeIfReady(RemovalRequest request) {
        if (!request.readyForVerification()) {
            return;
        }
        Instant now = clock.instant();
        Instant due = now.plus(properties.dueAfterVerification(request.kind()));
        if (lifecycle.move(request, Step.VERIFY, Actor.system(), Map.of("dueAt", due.toString()))
                instanceof Transition.Moved) {
            request.scheduleDecision(now, due);
            subjects.coveredBy(request.id()).ifPresent(original -> {
                lifecycle.move(request, Step.MARK_DUPLICATE, Actor.system(), Map.of("duplicateOf", original.toString()));
                request.duplicateOf(original);
            });
        }
    }

    /**
     * The original was withdrawn or rejected: each of its duplicates points at another covering request if there is
     * one, and otherwise goes back to VERIFIED with a fresh due date, so nobody's request is stranded by someone else's.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void reconsiderDuplicatesOf(UUID original) {
        // The original's new status must be visible to the covering query, which runs on plain JDBC.
        requests.flush();
        // Oldest first: the first reinstated duplicate then covers the later ones.
        for (RemovalRequest duplicate : requests.findByDuplicateOfAndStatusOrderByCreatedAt(original, RequestStatus.DUPLICATE)) {
            var other = subjects.coveredBy(duplicate.id());
            if (other.isPresent()) {
                duplicate.duplicateOf(other.get());
                continue;
            }
            Instant now = clock.instant();
            if (lifecycle.move(duplicate, Step.REINSTATE, Actor.system(), Map.of("originalEnded", original.toString()))
                    instanceof Transition.Moved) {
                duplicate.duplicateOf(null);
                duplicate.scheduleDecision(now, now.plus(properties.dueAfterVerification(duplicate.kind())));
                requests.flush();
            }
        }
    }
}

package io.custodia.governance.requests;

import io.custodia.governance.audit.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Once the e-mail is confirmed (and, for an opt-out, the site proven), the request becomes VERIFIED, gets its due
 * date, and is checked for duplicates against the requests that already cover the same subject.
 */
@Component
class CompletingVerification {

    private final Lifecycle lifecycle;
    private final SubjectKeys subjects;
    private final RequestsProperties properties;
    private final Clock clock;

    CompletingVerification(Lifecycle lifecycle, SubjectKeys subjects, RequestsProperties properties, Clock clock) {
        this.lifecycle = lifecycle;
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
}

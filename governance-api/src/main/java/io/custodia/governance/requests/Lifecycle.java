package io.custodia.governance.requests;

import io.custodia.governance.audit.Actor;
import io.custodia.governance.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Runs one lifecycle step and writes its audit entry in the same transaction; a refused step writes nothing. */
@Component
class Lifecycle {

    private final RemovalRequests requests;
    private final AuditLog audit;
    private final Clock clock;

    Lifecycle(RemovalRequests requests, AuditLog audit, Clock clock) {
        this.requests = requests;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param visible whether the caller may see this request at all (e.g. holds its tracking token)
     * @param effects what else changes when the step is taken, applied after the status moved
     */
    @Transactional
    StepOutcome step(UUID id, Predicate<RemovalRequest> visible, Step step, Actor actor, Map<String, ?> details,
            Consumer<RemovalRequest> effects) {
        Optional<RemovalRequest> found = requests.findById(id).filter(visible);
        if (found.isEmpty()) {
            return new StepOutcome.NotFound(id);
        }
        RemovalRequest request = found.get();
        return switch (move(request, step, actor, details)) {
            case Transition.Moved moved -> {
                effects.accept(request);
                yield new StepOutcome.Moved(id, moved.to());
            }
            case Transition.Refused refused -> new StepOutcome.Refused(id, refused.from(), refused.reason());
        };
    }

    /** Moves an already loaded request inside the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    Transition move(RemovalRequest request, Step step, Actor actor, Map<String, ?> details) {
        Instant now = clock.instant();
        Transition transition = request.apply(step, now);
        if (transition instanceof Transition.Moved moved) {
            Map<String, Object> entry = new HashMap<>(details);
            entry.put("from", moved.from().name());
            entry.put("to", moved.to().name());
            audit.append(actor, "REQUEST_" + moved.to().name(), request.id(), entry);
        }
        return transition;
    }
}

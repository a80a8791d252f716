package io.custodia.governance.requests;

import io.custodia.governance.audit.Actor;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Marks approved requests as enforced once an index or filter release that contains them is published; called by
 * the release pipelines, never by people.
 */
@Component
public class Enforcing {

    private final Lifecycle lifecycle;

    Enforcing(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** Whether the request moved to ENFORCED; false if it was not APPROVED or does not exist. */
    public boolean markEnforced(UUID requestId, String release) {
        return lifecycle.step(requestId, r -> true, Step.ENFORCE, Actor.system(), Map.of("release", release),
                r -> r.enforcedIn(release)) instanceof StepOutcome.Moved;
    }
}

package io.custodia.governance.requests;

import io.custodia.governance.audit.Actor;
import io.custodia.governance.protection.KeyedHash;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What a requester can do with the tracking token: look at the request, or withdraw it before a decision. */
@Component
class Tracking {

    private final RemovalRequests requests;
    private final Lifecycle lifecycle;
    private final CompletingVerification verification;

    Tracking(RemovalRequests requests, Lifecycle lifecycle, CompletingVerification verification) {
        this.requests = requests;
        this.lifecycle = lifecycle;
        this.verification = verification;
    }

    static byte[] tokenHash(String trackingToken) {
        return KeyedHash.sha256(trackingToken);
    }

    @Transactional(readOnly = true)
    Optional<RequestViews.ForRequester> view(UUID id, String trackingToken) {
        byte[] hash = tokenHash(trackingToken);
        return requests.findById(id).filter(r -> r.tracksWith(hash)).map(RequestViews.ForRequester::of);
    }

    StepOutcome withdraw(UUID id, String trackingToken) {
        byte[] hash = tokenHash(trackingToken);
        return lifecycle.step(id, r -> r.tracksWith(hash), Step.WITHDRAW, Actor.requester(), Map.of(),
                r -> verification.reconsiderDuplicatesOf(r.id()));
    }
}

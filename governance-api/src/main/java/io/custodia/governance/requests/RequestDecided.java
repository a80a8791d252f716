package io.custodia.governance.requests;

import java.util.UUID;

/** A reviewer approved or rejected a request; the requester is told. Held in memory only. */
public record RequestDecided(UUID requestId, String email, RequestStatus outcome, String reason) {

    @Override
    public String toString() {
        return "RequestDecided[requestId=" + requestId + ", outcome=" + outcome + "]";
    }
}

package io.custodia.governance.requests;

import java.util.EnumSet;
import java.util.Set;

/** Where a request stands; {@link Step} says which moves between these are legal. */
public enum RequestStatus {
    SUBMITTED,
    VERIFIED,
    UNDER_REVIEW,
    APPROVED,
    REJECTED,
    ENFORCED,
    WITHDRAWN,
    DUPLICATE;

    /** Awaiting a reviewer: these can be overdue. */
    static final Set<RequestStatus> AWAITING_DECISION = EnumSet.of(VERIFIED, UNDER_REVIEW);

    /** A later request that only repeats one of these is a duplicate. */
    static final Set<RequestStatus> COVERING = EnumSet.of(VERIFIED, UNDER_REVIEW, APPROVED, ENFORCED);
}

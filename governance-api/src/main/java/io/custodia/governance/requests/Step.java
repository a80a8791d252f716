package io.custodia.governance.requests;

import java.util.EnumSet;
import java.util.Set;

/** The lifecycle as a table: each step names the states it may start from and the one it leads to. */
enum Step {
    VERIFY(EnumSet.of(RequestStatus.SUBMITTED), RequestStatus.VERIFIED),
    MARK_DUPLICATE(EnumSet.of(RequestStatus.VERIFIED), RequestStatus.DUPLICATE),
    /** The request it duplicated ended without a decision for the subject, so it needs review after all. */
    REINSTATE(EnumSet.of(RequestStatus.DUPLICATE), RequestStatus.VERIFIED),
    START_REVIEW(EnumSet.of(RequestStatus.VERIFIED), RequestStatus.UNDER_REVIEW),
    APPROVE(EnumSet.of(RequestStatus.UNDER_REVIEW), RequestStatus.APPROVED),
    REJECT(EnumSet.of(RequestStatus.UNDER_REVIEW), RequestStatus.REJECTED),
    WITHDRAW(EnumSet.of(RequestStatus.SUBMITTED, RequestStatus.VERIFIED, RequestStatus.UNDER_REVIEW), RequestStatus.WITHDRAWN),
    ENFORCE(EnumSet.of(RequestStatus.APPROVED), RequestStatus.ENFORCED);

    private final Set<RequestStatus> from;
    private final RequestStatus to;

    Step(Set<RequestStatus> from, RequestStatus to) {
        this.from = from;
        this.to = to;
    }

    Transition attempt(RequestStatus current) {
        return from.contains(current)
                ? new Transition.Moved(current, to)
                : new Transition.Refused(current, this);
    }

    RequestStatus target() {
        return to;
    }
}

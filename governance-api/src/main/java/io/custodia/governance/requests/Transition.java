package io.custodia.governance.requests;

import java.util.Locale;

/** The outcome of attempting a lifecycle step: moved, or refused with the request left as it was. */
sealed interface Transition {

    record Moved(RequestStatus from, RequestStatus to) implements Transition {}

    record Refused(RequestStatus from, Step step) implements Transition {
        String reason() {
            return "A request that is " + from + " cannot " + step.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " (it would become " + step.target() + ").";
        }
    }
}

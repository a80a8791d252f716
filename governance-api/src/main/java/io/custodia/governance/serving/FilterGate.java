package io.custodia.governance.serving;

import io.custodia.governance.releases.CurrentPiiBundle;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Whether the node's PII filter lets the model speak now: serving fails closed without one, or with one too old. */
final class FilterGate {

    private FilterGate() {}

    sealed interface Decision {
        record Open(CurrentPiiBundle.Current current) implements Decision {}

        record Missing() implements Decision {}

        record Stale(String version, Instant builtAt) implements Decision {}
    }

    static Decision decide(Optional<CurrentPiiBundle.Current> current, Instant now, Duration maxAge) {
        if (current.isEmpty()) {
            return new Decision.Missing();
        }
        CurrentPiiBundle.Current bundle = current.get();
        return bundle.builtAt().plus(maxAge).isBefore(now) ? new Decision.Stale(bundle.version(), bundle.builtAt()) : new Decision.Open(bundle);
    }
}

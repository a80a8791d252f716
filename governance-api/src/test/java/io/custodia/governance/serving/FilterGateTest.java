package io.custodia.governance.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.governance.releases.CurrentPiiBundle;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Serving fails closed: no bundle, or one older than the maximum age, and the model says nothing. */
class FilterGateTest {

    private static final Instant BUILT = Instant.parse("2026-06-01T00:00:00Z");
    private static final Duration MAX_AGE = Duration.ofDays(183);
    private static final CurrentPiiBundle.Current CURRENT = new CurrentPiiBundle.Current(null, null, "node-1", BUILT);

    @Test
    void withoutABundleNothingIsServed() {
        assertThat(FilterGate.decide(Optional.empty(), BUILT, MAX_AGE)).isInstanceOf(FilterGate.Decision.Missing.class);
    }

    @Test
    void aBundleServesUpToItsMaximumAgeAndNotAMomentLonger() {
        Instant lastMoment = BUILT.plus(MAX_AGE);
        assertThat(FilterGate.decide(Optional.of(CURRENT), lastMoment, MAX_AGE)).isEqualTo(new FilterGate.Decision.Open(CURRENT));
        assertThat(FilterGate.decide(Optional.of(CURRENT), lastMoment.plusMillis(1), MAX_AGE))
                .isEqualTo(new FilterGate.Decision.Stale("node-1", BUILT));
    }
}

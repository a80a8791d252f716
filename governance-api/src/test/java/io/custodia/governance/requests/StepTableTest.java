package io.custodia.governance.requests;

import static io.custodia.governance.requests.RequestStatus.APPROVED;
import static io.custodia.governance.requests.RequestStatus.DUPLICATE;
import static io.custodia.governance.requests.RequestStatus.ENFORCED;
import static io.custodia.governance.requests.RequestStatus.REJECTED;
import static io.custodia.governance.requests.RequestStatus.SUBMITTED;
import static io.custodia.governance.requests.RequestStatus.UNDER_REVIEW;
import static io.custodia.governance.requests.RequestStatus.VERIFIED;
import static io.custodia.governance.requests.RequestStatus.WITHDRAWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The lifecycle, written out by hand from the issue, against every step from every state. */
class StepTableTest {

    private static final Map<Step, Map<RequestStatus, RequestStatus>> ALLOWED = new EnumMap<>(Step.class);

    static {
        ALLOWED.put(Step.VERIFY, Map.of(SUBMITTED, VERIFIED));
        ALLOWED.put(Step.MARK_DUPLICATE, Map.of(VERIFIED, DUPLICATE));
        ALLOWED.put(Step.REINSTATE, Map.of(DUPLICATE, VERIFIED));
        ALLOWED.put(Step.START_REVIEW, Map.of(VERIFIED, UNDER_REVIEW));
        ALLOWED.put(Step.APPROVE, Map.of(UNDER_REVIEW, APPROVED));
        ALLOWED.put(Step.REJECT, Map.of(UNDER_REVIEW, REJECTED));
        ALLOWED.put(Step.WITHDRAW, Map.of(SUBMITTED, WITHDRAWN, VERIFIED, WITHDRAWN, UNDER_REVIEW, WITHDRAWN));
        ALLOWED.put(Step.ENFORCE, Map.of(APPROVED, ENFORCED));
    }

    @Test
    void everyStepFromEveryStateMovesExactlyAsTheLifecycleSays() {
        int moved = 0;
        for (Step step : Step.values()) {
            for (RequestStatus from : RequestStatus.values()) {
                RequestStatus expected = ALLOWED.get(step).get(from);
                Transition transition = step.attempt(from);
                if (expected == null) {
                    assertThat(transition).as("%s from %s", step, from).isEqualTo(new Transition.Refused(from, step));
                } else {
                    assertThat(transition).as("%s from %s", step, from).isEqualTo(new Transition.Moved(from, expected));
                    moved++;
                }
            }
        }
        assertThat(moved).isEqualTo(10);
    }

    @Test
    void terminalStatesAllowNoStepAtAll() {
        for (RequestStatus terminal : new RequestStatus[] {REJECTED, ENFORCED, WITHDRAWN}) {
            for (Step step : Step.values()) {
                assertThat(step.attempt(terminal)).isInstanceOf(Transition.Refused.class);
            }
        }
    }

    @Test
    void aRefusedStepLeavesTheRequestAsItWas() {
        RemovalRequest request = new RemovalRequest(UUID.randomUUID(), RequestKind.PII, new byte[32], new byte[32], Instant.EPOCH);
        Transition refused = request.apply(Step.APPROVE, Instant.EPOCH.plusSeconds(5));
        assertThat(refused).isInstanceOf(Transition.Refused.class);
        assertThat(request.status()).isEqualTo(SUBMITTED);
        assertThat(request.decidedAt()).isNull();
        assertThat(((Transition.Refused) refused).reason()).contains("SUBMITTED").contains("approve");
    }
}

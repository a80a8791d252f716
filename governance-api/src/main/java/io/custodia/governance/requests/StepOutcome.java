package io.custodia.governance.requests;

import java.util.UUID;

/** The answer to any lifecycle step asked for over the API. */
sealed interface StepOutcome {

    record Moved(UUID id, RequestStatus status) implements StepOutcome {}

    record Refused(UUID id, RequestStatus status, String reason) implements StepOutcome {}

    record NotFound(UUID id) implements StepOutcome {}
}

package io.custodia.governance.requests;

import io.custodia.governance.platform.Problems;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The one mapping from lifecycle outcomes to HTTP: moved is 200, refused is 409, unknown is 404. */
final class Outcomes {

    private Outcomes() {}

    static ResponseEntity<Object> respond(StepOutcome outcome) {
        return switch (outcome) {
            case StepOutcome.Moved moved -> ResponseEntity.ok(Map.of("id", moved.id(), "status", moved.status()));
            case StepOutcome.Refused refused -> {
                var problem = Problems.problem(HttpStatus.CONFLICT, "illegal-transition", refused.reason());
                problem.setProperty("currentStatus", refused.status());
                yield Problems.respond(problem);
            }
            case StepOutcome.NotFound notFound -> Problems.respond(HttpStatus.NOT_FOUND, "not-found", "No such request.");
        };
    }
}

package io.custodia.governance.platform;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds RFC 9457 answers with a stable problem type URI, so clients can branch on {@code type} rather than on prose. */
public final class Problems {

    private static final String TYPE_BASE = "https://custodia.io/problems/";

    private Problems() {}

    /** One invalid field: a JSON-pointer-like path and a message that never repeats the submitted value. */
    public record FieldError(String field, String message) {}

    public static ProblemDetail problem(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        return problem;
    }

    public static ProblemDetail invalid(List<FieldError> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields.");
        problem.setProperty("errors", errors);
        return problem;
    }

    public static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    public static ResponseEntity<Object> respond(HttpStatus status, String type, String detail) {
        return respond(problem(status, type, detail));
    }
}

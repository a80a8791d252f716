package io.custodia.governance.platform;

import io.custodia.governance.platform.Problems.FieldError;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.sql.SQLException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into problem+json; messages name fields but never echo submitted values, which may be personal.
 */
@RestControllerAdvice
class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors()
                .forEach(e -> errors.add(new FieldError(e.getField(), e.getDefaultMessage())));
        ex.getBindingResult().getGlobalErrors()
                .forEach(e -> errors.add(new FieldError(e.getObjectName(), e.getDefaultMessage())));
        return Problems.respond(Problems.invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                errors.add(new FieldError(result.getMethodParameter().getParameterName(), error.getDefaultMessage()))));
        return Problems.respond(Problems.invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return Problems.respond(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", tooLarge.getMessage());
            }
            if (cause instanceof DatabindException databind) {
                return invalidJson(databind);
            }
        }
        return Problems.respond(HttpStatus.BAD_REQUEST, "malformed-json", "The request body is not valid JSON.");
    }

    private static ResponseEntity<Object> invalidJson(DatabindException databind) {
        String field = pathOf(databind);
        String message = switch (databind) {
            case UnrecognizedPropertyException unknown -> "unknown field '" + unknown.getPropertyName() + "'";
            case InvalidTypeIdException ignored -> "unknown or missing kind";
            default -> "wrong type or format";
        };
        return Problems.respond(Problems.invalid(List.of(new FieldError(field.isEmpty() ? "body" : field, message))));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex) {
        List<FieldError> errors = ex.getConstraintViolations().stream()
                .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .toList();
        return Problems.respond(Problems.invalid(errors));
    }

    /** Two people changed the same request at once; the loser's transaction rolled back and may simply retry. */
    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> concurrentChange(OptimisticLockingFailureException ex) {
        return Problems.respond(HttpStatus.CONFLICT, "concurrent-change",
                "The request was changed at the same time by someone else; nothing was changed, retry.");
    }

    /** Something with the same key was made at the same moment (two releases in one millisecond, say): retry. */
    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Object> duplicateKey(DuplicateKeyException ex) {
        return Problems.respond(HttpStatus.CONFLICT, "concurrent-change",
                "Something with the same key was just created; nothing was changed, retry.");
    }

    /**
     * PostgreSQL's class 22 errors (data exceptions, e.g. a NUL character in text) are caused by what the client sent;
     * the transaction rolled back, so nothing was stored.
     */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<Object> dataAccess(DataAccessException ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return Problems.respond(HttpStatus.BAD_REQUEST, "unstorable-value",
                        "A value contains characters or a size that cannot be stored (SQLSTATE " + sql.getSQLState() + ").");
            }
        }
        return unexpected(ex);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex) {
        // Types and frames only: exception messages can carry request data, which may be personal.
        StringBuilder chain = new StringBuilder();
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            chain.append(chain.isEmpty() ? "" : " <- ").append(t.getClass().getName());
            java.util.Arrays.stream(t.getStackTrace())
                    .filter(frame -> frame.getClassName().startsWith("io.custodia"))
                    .findFirst()
                    .ifPresent(frame -> chain.append(" at ").append(frame));
        }
        log.error("Unexpected {}", chain);
        return Problems.respond(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "An unexpected error occurred.");
    }

    private static String pathOf(DatabindException ex) {
        StringBuilder path = new StringBuilder();
        for (var reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}

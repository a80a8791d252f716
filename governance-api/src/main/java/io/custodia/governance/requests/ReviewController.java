package io.custodia.governance.requests;

import io.custodia.governance.audit.Actor;
import io.custodia.governance.audit.AuditLog;
import io.custodia.governance.platform.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The reviewer's endpoints. */
@RestController
@RequestMapping("/api/v1/review/requests")
@Tag(name = "Reviewer")
class ReviewController {

    private final Reviewing reviewing;
    private final RemovalRequests requests;
    private final SubmissionVault vault;
    private final AuditLog audit;
    private final Clock clock;

    ReviewController(Reviewing reviewing, RemovalRequests requests, SubmissionVault vault, AuditLog audit, Clock clock) {
        this.reviewing = reviewing;
        this.requests = requests;
        this.vault = vault;
        this.audit = audit;
        this.clock = clock;
    }

    record Approval(@Size(max = 5000) String note) {}

    record Rejection(@NotBlank @Size(max = 5000) String reason) {}

    @Operation(summary = "The queue, filtered by kind, status, overdue and creation date; sort by dueAt (default), createdAt, …")
    @GetMapping
    ResponseEntity<Object> queue(
            @RequestParam(required = false) Set<RequestKind> kind,
            @RequestParam(required = false) Set<RequestStatus> status,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdTo,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            @RequestParam(required = false) String sort) {
        return switch (QueuePaging.parse(page, size, sort)) {
            case QueuePaging.Parsed.Invalid invalid -> Problems.respond(Problems.invalid(List.of(invalid.error())));
            case QueuePaging.Parsed.Valid valid -> {
                Instant now = clock.instant();
                var found = reviewing.queue(new Reviewing.QueueFilter(orEmpty(kind), orEmpty(status), overdue,
                        createdFrom, createdTo), valid.page());
                yield ResponseEntity.ok(new RequestViews.Page<>(
                        found.getContent().stream().map(r -> RequestViews.QueueItem.of(r, now)).toList(),
                        page, size, found.getTotalElements()));
            }
        };
    }

    @Operation(summary = "One request with its submission and whole history")
    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    ResponseEntity<Object> one(@PathVariable UUID id) {
        return requests.findById(id)
                .<ResponseEntity<Object>>map(r -> ResponseEntity.ok(
                        RequestViews.ForReviewer.of(r, vault.open(r), audit.history(id), clock.instant())))
                .orElseGet(() -> Problems.respond(HttpStatus.NOT_FOUND, "not-found", "No such request."));
    }

    @Operation(summary = "Take a verified request into review (VERIFIED → UNDER_REVIEW)")
    @PostMapping("/{id}/assignment")
    ResponseEntity<Object> startReview(@PathVariable UUID id) {
        return Outcomes.respond(reviewing.startReview(id, Actor.currentStaff()));
    }

    @Operation(summary = "Approve a request under review")
    @PostMapping("/{id}/approval")
    ResponseEntity<Object> approve(@PathVariable UUID id, @Valid @RequestBody(required = false) Approval approval) {
        return Outcomes.respond(reviewing.approve(id, approval == null ? null : approval.note(), Actor.currentStaff()));
    }

    @Operation(summary = "Reject a request under review; a reason is required and is shown to the requester")
    @PostMapping("/{id}/rejection")
    ResponseEntity<Object> reject(@PathVariable UUID id, @Valid @RequestBody Rejection rejection) {
        return Outcomes.respond(reviewing.reject(id, rejection.reason().strip(), Actor.currentStaff()));
    }

    private static <T> Set<T> orEmpty(Set<T> values) {
        return values == null ? Set.of() : values;
    }
}

package io.custodia.governance.requests;

import io.custodia.governance.audit.Actor;
import io.custodia.governance.audit.AuditLog;
import io.custodia.governance.platform.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The auditor's read-only list of requests: kinds, states, decisions and dates, never personal data. */
@RestController
@Tag(name = "Auditor")
class AuditorRequestController {

    private final Reviewing reviewing;
    private final AuditLog audit;
    private final Clock clock;

    AuditorRequestController(Reviewing reviewing, AuditLog audit, Clock clock) {
        this.reviewing = reviewing;
        this.audit = audit;
        this.clock = clock;
    }

    @Operation(summary = "Requests without contact data or identifiers; each call is recorded as an export")
    @GetMapping("/api/v1/audit/requests")
    @Transactional
    ResponseEntity<Object> requests(
            @RequestParam(required = false) Set<RequestKind> kind,
            @RequestParam(required = false) Set<RequestStatus> status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdTo,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size,
            @RequestParam(required = false) String sort) {
        return switch (QueuePaging.parse(page, size, sort == null ? "createdAt,asc" : sort)) {
            case QueuePaging.Parsed.Invalid invalid -> Problems.respond(Problems.invalid(List.of(invalid.error())));
            case QueuePaging.Parsed.Valid valid -> {
                Instant now = clock.instant();
                var found = reviewing.queue(new Reviewing.QueueFilter(kind == null ? Set.of() : kind,
                        status == null ? Set.of() : status, null, createdFrom, createdTo), valid.page());
                audit.append(Actor.currentStaff(), "AUDIT_EXPORTED", null,
                        Map.of("export", "requests", "page", page, "size", size));
                yield ResponseEntity.ok(new RequestViews.Page<>(
                        found.getContent().stream().map(r -> RequestViews.ForAuditor.of(r, now)).toList(),
                        page, size, found.getTotalElements()));
            }
        };
    }
}

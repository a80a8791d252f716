package io.custodia.governance.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The auditor's read-only view of the chain; every export is itself an entry in it. */
@RestController
@RequestMapping("/api/v1/audit")
@Validated
@Tag(name = "Auditor")
class AuditController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    /** A page of the chain. */
    record EventPage(List<AuditEntry> events, int page, int size, long total) {}

    @Operation(summary = "Export the audit log, paged, as JSON or CSV (format=csv or Accept: text/csv)")
    @GetMapping(value = "/events", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Transactional
    ResponseEntity<?> events(
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(10_000) int size,
            @RequestParam(required = false) ExportFormat format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean csv = format == ExportFormat.csv || (format == null && accept != null && accept.contains("text/csv"));
        List<AuditEntry> entries = log.page(page, size);
        long total = log.length();
        log.append(Actor.currentStaff(), "AUDIT_EXPORTED", null,
                Map.of("export", "events", "format", csv ? "csv" : "json", "page", page, "size", size));
        if (csv) {
            return ResponseEntity.ok().contentType(CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-events-" + page + ".csv\"")
                    .body(AuditExportFormat.toCsv(entries));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new EventPage(entries, page, size, total));
    }

    @Operation(summary = "Recompute the whole chain: is it intact, its length, its head hash, the first bad entry")
    @GetMapping("/verification")
    ChainVerification verification() {
        return log.verify();
    }

    enum ExportFormat { json, csv }
}

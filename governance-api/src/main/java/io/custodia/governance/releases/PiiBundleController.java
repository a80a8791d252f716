package io.custodia.governance.releases;

import io.custodia.governance.audit.Actor;
import io.custodia.governance.platform.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Releasing PII bundles (admin) and publishing the latest one with its verification key (public). */
@RestController
@Tag(name = "PII bundles")
class PiiBundleController {

    private final PiiBundleReleases releases;
    private final BundleSigningKey key;

    PiiBundleController(PiiBundleReleases releases, BundleSigningKey key) {
        this.releases = releases;
        this.key = key;
    }

    @Operation(summary = "Build, sign and publish a PII bundle from every approved PII request; included requests become ENFORCED")
    @PostMapping("/api/v1/admin/pii-bundles")
    ResponseEntity<PiiBundleReleases.Released> release() {
        PiiBundleReleases.Released released = releases.release(Actor.currentStaff());
        return ResponseEntity.created(URI.create("/api/v1/pii-bundles/latest")).body(released);
    }

    @Operation(summary = "The latest PII bundle (format: docs/pii-filter-bundle.md); it holds keyed hashes, no plaintext")
    @GetMapping(value = "/api/v1/pii-bundles/latest", produces = {MediaType.APPLICATION_OCTET_STREAM_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<Object> latest() {
        return releases.latest()
                .<ResponseEntity<Object>>map(stored -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + stored.version() + ".bundle\"")
                        .body(stored.content()))
                .orElseGet(() -> Problems.respond(HttpStatus.NOT_FOUND, "no-bundle", "No PII bundle has been released yet."));
    }

    @Operation(summary = "The Ed25519 public key (PEM) that verifies released bundles")
    @GetMapping(value = "/api/v1/pii-bundles/signing-key", produces = "application/x-pem-file")
    ResponseEntity<String> signingKey() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-pem-file")).body(key.publicPem());
    }
}

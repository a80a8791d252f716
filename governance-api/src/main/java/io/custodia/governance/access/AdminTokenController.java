package io.custodia.governance.access;

import io.custodia.governance.audit.Actor;
import io.custodia.governance.platform.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin endpoints for staff tokens: the secret is in the 201 answer and nowhere else. */
@RestController
@RequestMapping("/api/v1/admin/tokens")
@Tag(name = "Admin")
class AdminTokenController {

    private final Tokens tokens;
    private final ApiTokens repository;

    AdminTokenController(Tokens tokens, ApiTokens repository) {
        this.tokens = tokens;
        this.repository = repository;
    }

    record NewToken(@NotNull Role role, @NotBlank @Size(max = 200) String name) {}

    record TokenView(UUID id, String name, Role role, Instant createdAt, String createdBy, Instant revokedAt) {}

    @Operation(summary = "Issue a token for a reviewer, auditor or admin; the token is shown only in this answer")
    @PostMapping
    ResponseEntity<Tokens.Issued> issue(@Valid @RequestBody NewToken request) {
        var issued = tokens.issue(request.role(), request.name().strip(), Actor.currentStaff());
        return ResponseEntity.created(URI.create("/api/v1/admin/tokens/" + issued.id())).body(issued);
    }

    @Operation(summary = "List tokens (never their secrets)")
    @GetMapping
    List<TokenView> list() {
        return repository.findAll(Sort.by("createdAt")).stream()
                .map(t -> new TokenView(t.id(), t.name(), t.role(), t.createdAt(), t.createdBy(), t.revokedAt()))
                .toList();
    }

    @Operation(summary = "Revoke a token; it stops working at once")
    @DeleteMapping("/{id}")
    ResponseEntity<Object> revoke(@PathVariable UUID id) {
        return switch (tokens.revoke(id, Actor.currentStaff())) {
            case Tokens.Revocation.Revoked r -> ResponseEntity.noContent().build();
            case Tokens.Revocation.AlreadyRevoked r -> ResponseEntity.noContent().build();
            case Tokens.Revocation.Unknown u -> Problems.respond(HttpStatus.NOT_FOUND, "not-found", "No token with this id.");
        };
    }
}

package io.custodia.governance.requests;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.custodia.governance.platform.Problems;
import io.custodia.governance.requests.SiteOwnershipCheck.Method;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public side: filing, confirming, proving a site, tracking and withdrawing, with no login. */
@RestController
@RequestMapping("/api/v1/requests")
@Tag(name = "Requests (public)")
class PublicRequestController {

    static final String TRACKING_HEADER = "X-Tracking-Token";
    private static final String NOT_FOUND = "No request with this id and tracking token.";

    private final Submitting submitting;
    private final ConfirmingEmail confirming;
    private final ProvingSiteOwnership siteOwnership;
    private final Tracking tracking;

    PublicRequestController(Submitting submitting, ConfirmingEmail confirming, ProvingSiteOwnership siteOwnership,
            Tracking tracking) {
        this.submitting = submitting;
        this.confirming = confirming;
        this.siteOwnership = siteOwnership;
        this.tracking = tracking;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Filed(UUID id, String trackingToken, RequestStatus status, String siteChallenge) {}

    record Code(@NotBlank @Pattern(regexp = "\\d{6}", message = "must be the 6-digit code from the e-mail") String code) {}

    record Confirmation(UUID id, RequestStatus status, boolean emailConfirmed) {}

    record SiteCheck(@NotNull Method method) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SiteCheckResult(boolean proven, String reason, RequestStatus status) {}

    @Operation(summary = "File an OPT_OUT, PII or COPYRIGHT request; the tracking token is shown only in this answer")
    @PostMapping
    ResponseEntity<Object> submit(@Valid @RequestBody Submission submission) {
        return switch (submitting.submit(submission)) {
            case Submitting.Outcome.Invalid invalid -> Problems.respond(Problems.invalid(invalid.errors()));
            case Submitting.Outcome.Filed filed -> ResponseEntity.created(URI.create("/api/v1/requests/" + filed.id()))
                    .body(new Filed(filed.id(), filed.trackingToken(), filed.status(),
                            filed.target() == null ? null : "/api/v1/requests/" + filed.id() + "/site-challenge"));
        };
    }

    @Operation(summary = "Confirm the requester's e-mail address with the code that was sent to it")
    @PostMapping("/{id}/verification")
    ResponseEntity<Object> confirm(@PathVariable UUID id, @Valid @RequestBody Code code) {
        return switch (confirming.confirm(id, code.code())) {
            case ConfirmingEmail.Outcome.Confirmed c -> ResponseEntity.ok(new Confirmation(c.id(), c.status(), true));
            case ConfirmingEmail.Outcome.WrongCode w -> Problems.respond(HttpStatus.BAD_REQUEST, "wrong-code",
                    "The code is wrong; " + w.attemptsLeft() + " attempts left.");
            case ConfirmingEmail.Outcome.Expired e -> Problems.respond(HttpStatus.CONFLICT, "code-expired",
                    "The code has expired; ask for a new one.");
            case ConfirmingEmail.Outcome.Locked l -> Problems.respond(HttpStatus.CONFLICT, "code-locked",
                    "Too many wrong codes; ask for a new one.");
            case ConfirmingEmail.Outcome.NotAwaitingCode n -> Problems.respond(HttpStatus.CONFLICT, "not-awaiting-code",
                    "The e-mail address is already confirmed or the request is " + n.status() + ".");
            case ConfirmingEmail.Outcome.NotFound n -> Problems.respond(HttpStatus.NOT_FOUND, "not-found", "No request with this id.");
        };
    }

    record Resent(Instant expiresAt) {}

    @Operation(summary = "Send a new confirmation code (limited per request)")
    @PostMapping("/{id}/verification-code")
    ResponseEntity<Object> resend(@PathVariable UUID id, @RequestHeader(name = TRACKING_HEADER, required = false) String token) {
        if (token == null) {
            return missingToken();
        }
        return switch (confirming.resend(id, Tracking.tokenHash(token))) {
            case ConfirmingEmail.Resend.Sent sent -> ResponseEntity.accepted().body(new Resent(sent.expiresAt()));
            case ConfirmingEmail.Resend.LimitReached l -> Problems.respond(HttpStatus.TOO_MANY_REQUESTS, "code-limit",
                    "No more codes can be sent for this request.");
            case ConfirmingEmail.Resend.NotAwaitingCode n -> Problems.respond(HttpStatus.CONFLICT, "not-awaiting-code",
                    "The e-mail address is already confirmed or the request is " + n.status() + ".");
            case ConfirmingEmail.Resend.NotFound n -> Problems.respond(HttpStatus.NOT_FOUND, "not-found", NOT_FOUND);
        };
    }

    @Operation(summary = "The request's status, for the holder of its tracking token")
    @GetMapping("/{id}")
    ResponseEntity<Object> view(@PathVariable UUID id, @RequestHeader(name = TRACKING_HEADER, required = false) String token) {
        if (token == null) {
            return missingToken();
        }
        return tracking.view(id, token)
                .<ResponseEntity<Object>>map(ResponseEntity::ok)
                .orElseGet(() -> Problems.respond(HttpStatus.NOT_FOUND, "not-found", NOT_FOUND));
    }

    @Operation(summary = "Withdraw the request; possible until a reviewer decides")
    @PostMapping("/{id}/withdrawal")
    ResponseEntity<Object> withdraw(@PathVariable UUID id, @RequestHeader(name = TRACKING_HEADER, required = false) String token) {
        if (token == null) {
            return missingToken();
        }
        return Outcomes.respond(tracking.withdraw(id, token));
    }

    @Operation(summary = "What an opt-out's site owner must publish: a token at a well-known HTTPS path or in a DNS TXT record")
    @GetMapping("/{id}/site-challenge")
    ResponseEntity<Object> challenge(@PathVariable UUID id, @RequestHeader(name = TRACKING_HEADER, required = false) String token) {
        if (token == null) {
            return missingToken();
        }
        return siteOwnership.challenge(id, Tracking.tokenHash(token))
                .<ResponseEntity<Object>>map(ResponseEntity::ok)
                .orElseGet(() -> Problems.respond(HttpStatus.NOT_FOUND, "not-found", "No opt-out with this id and tracking token."));
    }

    @Operation(summary = "Check the published site-ownership token now")
    @PostMapping("/{id}/site-check")
    ResponseEntity<Object> checkSite(@PathVariable UUID id, @RequestHeader(name = TRACKING_HEADER, required = false) String token,
            @Valid @RequestBody SiteCheck check) {
        if (token == null) {
            return missingToken();
        }
        return switch (siteOwnership.prove(id, Tracking.tokenHash(token), check.method())) {
            case ProvingSiteOwnership.Outcome.Proven p -> ResponseEntity.ok(new SiteCheckResult(true, null, p.status()));
            case ProvingSiteOwnership.Outcome.NotProven n -> ResponseEntity.ok(new SiteCheckResult(false, n.reason(), null));
            case ProvingSiteOwnership.Outcome.NotAwaitingProof n -> Problems.respond(HttpStatus.CONFLICT, "not-awaiting-proof",
                    "Site ownership is already proven or the request is " + n.status() + ".");
            case ProvingSiteOwnership.Outcome.NotAnOptOut n -> Problems.respond(HttpStatus.CONFLICT, "not-an-opt-out",
                    "Only opt-out requests prove site ownership.");
            case ProvingSiteOwnership.Outcome.NotFound n -> Problems.respond(HttpStatus.NOT_FOUND, "not-found", NOT_FOUND);
        };
    }

    private static ResponseEntity<Object> missingToken() {
        return Problems.respond(HttpStatus.UNAUTHORIZED, "tracking-token-required",
                "This endpoint needs the request's tracking token in the " + TRACKING_HEADER + " header.");
    }
}

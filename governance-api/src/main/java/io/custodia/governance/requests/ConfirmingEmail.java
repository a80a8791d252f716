package io.custodia.governance.requests;

import io.custodia.governance.audit.Actor;
import io.custodia.governance.audit.AuditLog;
import io.custodia.governance.protection.Secrets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Confirms the requester's e-mail with the code we sent. Codes expire, and lock after a few wrong tries so that
 * guessing a six-digit code stays hopeless; a wrong try is counted even though the answer is an error.
 */
@Component
class ConfirmingEmail {

    private final RemovalRequests requests;
    private final Submitting submitting;
    private final CompletingVerification verification;
    private final SubmissionVault vault;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final RequestsProperties properties;
    private final Clock clock;

    ConfirmingEmail(RemovalRequests requests, Submitting submitting, CompletingVerification verification,
            SubmissionVault vault, AuditLog audit, ApplicationEventPublisher events, RequestsProperties properties,
            Clock clock) {
        this.requests = requests;
        this.submitting = submitting;
        this.verification = verification;
        this.vault = vault;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    sealed interface Outcome {
        record Confirmed(UUID id, RequestStatus status) implements Outcome {}
        record WrongCode(int attemptsLeft) implements Outcome {}
        record Expired() implements Outcome {}
        record Locked() implements Outcome {}
        record NotAwaitingCode(RequestStatus status) implements Outcome {}
        record NotFound() implements Outcome {}
    }

    @Transactional
    Outcome confirm(UUID id, String code) {
        Optional<RemovalRequest> found = requests.findById(id);
        if (found.isEmpty()) {
            return new Outcome.NotFound();
        }
        RemovalRequest request = found.get();
        if (!request.awaitsCode()) {
            return new Outcome.NotAwaitingCode(request.status());
        }
        if (request.codeAttempts() >= properties.maxCodeAttempts()) {
            return new Outcome.Locked();
        }
        Instant now = clock.instant();
        if (!now.isBefore(request.codeExpiresAt())) {
            return new Outcome.Expired();
        }
        if (!MessageDigest.isEqual(request.codeHash(), submitting.codeHash(id, code))) {
            request.countWrongCode();
            return new Outcome.WrongCode(properties.maxCodeAttempts() - request.codeAttempts());
        }
        request.confirmEmail(now);
        audit.append(Actor.requester(), "EMAIL_CONFIRMED", id, Map.of());
        verification.completeIfReady(request);
        return new Outcome.Confirmed(id, request.status());
    }

    sealed interface Resend {
        record Sent(Instant expiresAt) implements Resend {}
        record LimitReached() implements Resend {}
        record NotAwaitingCode(RequestStatus status) implements Resend {}
        record NotFound() implements Resend {}
    }

    /** A fresh code, which also resets the wrong-try count; the number of codes per request is capped. */
    @Transactional
    Resend resend(UUID id, byte[] trackingTokenHash) {
        Optional<RemovalRequest> found = requests.findById(id).filter(r -> r.tracksWith(trackingTokenHash));
        if (found.isEmpty()) {
            return new Resend.NotFound();
        }
        RemovalRequest request = found.get();
        if (!request.awaitsCode()) {
            return new Resend.NotAwaitingCode(request.status());
        }
        if (request.codesSent() >= properties.maxCodesSent()) {
            return new Resend.LimitReached();
        }
        String code = Secrets.digits(Submitting.CODE_LENGTH);
        Instant expires = clock.instant().plus(properties.codeValidity());
        request.issueCode(submitting.codeHash(id, code), expires);
        events.publishEvent(new VerificationCodeIssued(id, vault.open(request).requester().email(), code, expires));
        return new Resend.Sent(expires);
    }
}

package io.custodia.governance.requests;

import io.custodia.governance.audit.Actor;
import io.custodia.governance.audit.AuditLog;
import io.custodia.governance.platform.Problems.FieldError;
import io.custodia.governance.protection.KeyedHash;
import io.custodia.governance.protection.Secrets;
import io.custodia.optout.OptOutTarget;
import io.custodia.optout.Scope;
import io.custodia.optout.TargetNormalizer;
import io.custodia.optout.TargetParse;
import io.custodia.pii.IdentifierKind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Files a new request: checks what bean validation cannot, seals the submission, and sends the confirmation code. */
@Component
class Submitting {

    static final String TRACKING_PREFIX = "trk_";
    static final int CODE_LENGTH = 6;

    private final RemovalRequests requests;
    private final SubmissionVault vault;
    private final SubjectKeys subjects;
    private final KeyedHash hash;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final RequestsProperties properties;
    private final Clock clock;
    private final TargetNormalizer targets = new TargetNormalizer();

    Submitting(RemovalRequests requests, SubmissionVault vault, SubjectKeys subjects, KeyedHash hash, AuditLog audit,
            ApplicationEventPublisher events, RequestsProperties properties, Clock clock) {
        this.requests = requests;
        this.vault = vault;
        this.subjects = subjects;
        this.hash = hash;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    sealed interface Outcome {
        record Filed(UUID id, String trackingToken, RequestStatus status, OptOutTarget target) implements Outcome {}

        record Invalid(List<FieldError> errors) implements Outcome {}
    }

    @Transactional
    Outcome submit(Submission submission) {
        List<FieldError> errors = new ArrayList<>();
        OptOutTarget target = check(submission, errors);
        if (!errors.isEmpty()) {
            return new Outcome.Invalid(errors);
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        String trackingToken = Secrets.token(TRACKING_PREFIX);
        String email = subjects.normalized(IdentifierKind.EMAIL, submission.requester().email());
        RemovalRequest request = new RemovalRequest(id, submission.kind(), KeyedHash.sha256(trackingToken),
                hash.of("requester-email", email), now);
        request.seal(vault.seal(id, submission));
        String code = Secrets.digits(CODE_LENGTH);
        Instant expires = now.plus(properties.codeValidity());
        request.issueCode(codeHash(id, code), expires);
        if (target != null) {
            request.challengeSite(target.host(), Secrets.token(""));
        }
        // Flushed now: the subject keys below reference the row, and they are written with plain JDBC.
        requests.saveAndFlush(request);
        subjects.store(id, subjects.canonical(submission, target));
        audit.append(Actor.requester(), "REQUEST_SUBMITTED", id, Map.of("kind", submission.kind().name()));
        events.publishEvent(new VerificationCodeIssued(id, submission.requester().email(), code, expires));
        return new Outcome.Filed(id, trackingToken, request.status(), target);
    }

    byte[] codeHash(UUID id, String code) {
        return hash.of("confirmation-code", id + ":" + code);
    }

    /** The checks that need our own parsers; returns the normalized opt-out target, if any. */
    private OptOutTarget check(Submission submission, List<FieldError> errors) {
        OptOutTarget target = null;
        if (submission instanceof Submission.OptOut optOut) {
            switch (targets.parse(optOut.scope(), optOut.target())) {
                case TargetParse.Valid valid -> target = valid.target();
                case TargetParse.Invalid invalid -> errors.add(new FieldError("target", invalid.reason()));
            }
        }
        List<String> urls = Submission.urlsOf(submission);
        for (int i = 0; i < urls.size(); i++) {
            if (targets.parse(Scope.URL, urls.get(i)) instanceof TargetParse.Invalid invalid) {
                errors.add(new FieldError("urls[" + i + "]", invalid.reason()));
            }
        }
        if (submission instanceof Submission.Pii pii) {
            checkIdentifiers(errors, "names", IdentifierKind.NAME, pii.identifiers().names());
            checkIdentifiers(errors, "phones", IdentifierKind.PHONE, pii.identifiers().phones());
            checkIdentifiers(errors, "addresses", IdentifierKind.ADDRESS, pii.identifiers().addresses());
            checkIdentifiers(errors, "other", IdentifierKind.OTHER, pii.identifiers().other());
        }
        if (submission instanceof Submission.Copyright copyright) {
            long bytes = copyright.excerpts().stream().mapToLong(e -> e.getBytes(StandardCharsets.UTF_8).length).sum();
            if (bytes > properties.maxExcerptBytes().toBytes()) {
                errors.add(new FieldError("excerpts", "excerpts total " + bytes + " bytes; at most "
                        + properties.maxExcerptBytes().toBytes() + " are accepted"));
            }
        }
        return target;
    }

    private void checkIdentifiers(List<FieldError> errors, String field, IdentifierKind kind, List<String> values) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            String normalized = subjects.normalized(kind, values.get(i));
            boolean tooShort = kind == IdentifierKind.PHONE ? normalized.replace("+", "").length() < 5 : normalized.isEmpty();
            if (tooShort) {
                errors.add(new FieldError("identifiers." + field + "[" + i + "]", "contains nothing that identifies a person"));
            }
        }
    }
}

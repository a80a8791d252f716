package io.custodia.governance.requests;

import io.custodia.governance.audit.Actor;
import io.custodia.governance.audit.AuditLog;
import io.custodia.governance.requests.SiteOwnershipCheck.Method;
import io.custodia.governance.requests.SiteOwnershipCheck.Proof;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The opt-out's second proof: control of the site. The network check runs outside any transaction, so a slow site
 * never holds a database connection or lock.
 */
@Component
class ProvingSiteOwnership {

    private final RemovalRequests requests;
    private final SiteOwnershipCheck check;
    private final CompletingVerification verification;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ProvingSiteOwnership(RemovalRequests requests, SiteOwnershipCheck check, CompletingVerification verification,
            AuditLog audit, TransactionTemplate transactions, Clock clock) {
        this.requests = requests;
        this.check = check;
        this.verification = verification;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What the site owner must publish, one way or the other. */
    record Challenge(String host, String token, URI httpsUrl, String dnsName, String dnsValue, boolean proven) {}

    sealed interface Outcome {
        record Proven(UUID id, Method method, RequestStatus status) implements Outcome {}
        record NotProven(String reason) implements Outcome {}
        record NotAwaitingProof(RequestStatus status) implements Outcome {}
        record NotAnOptOut() implements Outcome {}
        record NotFound() implements Outcome {}
    }

    Optional<Challenge> challenge(UUID id, byte[] trackingTokenHash) {
        return requests.findById(id)
                .filter(r -> r.tracksWith(trackingTokenHash) && r.kind() == RequestKind.OPT_OUT)
                .map(r -> new Challenge(r.siteHost(), r.siteChallenge(), check.wellKnownUrl(r.siteHost()),
                        SiteOwnershipCheck.DNS_LABEL + r.siteHost(), SiteOwnershipCheck.DNS_PREFIX + r.siteChallenge(),
                        r.siteVerifiedAt() != null));
    }

    Outcome prove(UUID id, byte[] trackingTokenHash, Method method) {
        Optional<RemovalRequest> found = requests.findById(id).filter(r -> r.tracksWith(trackingTokenHash));
        if (found.isEmpty()) {
            return new Outcome.NotFound();
        }
        RemovalRequest snapshot = found.get();
        if (snapshot.kind() != RequestKind.OPT_OUT) {
            return new Outcome.NotAnOptOut();
        }
        if (snapshot.status() != RequestStatus.SUBMITTED || snapshot.siteVerifiedAt() != null) {
            return new Outcome.NotAwaitingProof(snapshot.status());
        }
        return switch (check.check(snapshot.siteHost(), snapshot.siteChallenge(), method)) {
            case Proof.NotProven notProven -> new Outcome.NotProven(notProven.reason());
            case Proof.Proven proven -> transactions.execute(tx -> record(id, proven.method()));
        };
    }

    private Outcome record(UUID id, Method method) {
        RemovalRequest request = requests.findById(id).orElseThrow();
        if (request.status() != RequestStatus.SUBMITTED || request.siteVerifiedAt() != null) {
            return new Outcome.NotAwaitingProof(request.status());
        }
        request.confirmSite(clock.instant(), method.name());
        audit.append(Actor.requester(), "SITE_OWNERSHIP_PROVEN", id, Map.of("method", method.name()));
        verification.completeIfReady(request);
        return new Outcome.Proven(id, method, request.status());
    }
}

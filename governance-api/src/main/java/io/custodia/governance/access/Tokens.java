package io.custodia.governance.access;

import io.custodia.governance.audit.Actor;
import io.custodia.governance.audit.AuditLog;
import io.custodia.governance.protection.KeyedHash;
import io.custodia.governance.protection.Secrets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Issuing, revoking and resolving staff tokens; issuing and revoking are audited in the same transaction. */
@Component
class Tokens {

    static final String PREFIX = "cst_";

    private final ApiTokens tokens;
    private final AuditLog audit;
    private final Clock clock;

    Tokens(ApiTokens tokens, AuditLog audit, Clock clock) {
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    /** A token as issued: the secret exists only in this value, never again. */
    record Issued(UUID id, String name, Role role, String token) {}

    @Transactional
    Issued issue(Role role, String name, Actor by) {
        return register(role, name, Secrets.token(PREFIX), by);
    }

    @Transactional
    Issued register(Role role, String name, String secret, Actor by) {
        ApiToken token = new ApiToken(UUID.randomUUID(), name, role, KeyedHash.sha256(secret), clock.instant(), by.id());
        tokens.save(token);
        audit.append(by, "TOKEN_ISSUED", null, Map.of("tokenId", token.id().toString(), "role", role.name()));
        return new Issued(token.id(), name, role, secret);
    }

    sealed interface Revocation {
        record Revoked(UUID id) implements Revocation {}
        record AlreadyRevoked(UUID id) implements Revocation {}
        record Unknown(UUID id) implements Revocation {}
    }

    @Transactional
    Revocation revoke(UUID id, Actor by) {
        Optional<ApiToken> found = tokens.findById(id);
        if (found.isEmpty()) {
            return new Revocation.Unknown(id);
        }
        if (tokens.revokeIfActive(id, clock.instant()) == 0) {
            return new Revocation.AlreadyRevoked(id);
        }
        audit.append(by, "TOKEN_REVOKED", null, Map.of("tokenId", id.toString(), "role", found.get().role().name()));
        return new Revocation.Revoked(id);
    }

    @Transactional(readOnly = true)
    Optional<ApiToken> resolve(String secret) {
        return tokens.findByTokenHash(KeyedHash.sha256(secret)).filter(ApiToken::active);
    }

    @Transactional(readOnly = true)
    boolean known(String secret) {
        return tokens.findByTokenHash(KeyedHash.sha256(secret)).isPresent();
    }

    @Transactional(readOnly = true)
    boolean anyActiveAdmin() {
        return tokens.existsByRoleAndRevokedAtIsNull(Role.ADMIN);
    }
}

package io.custodia.governance.access;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ApiTokens extends JpaRepository<ApiToken, UUID> {

    Optional<ApiToken> findByTokenHash(byte[] tokenHash);

    boolean existsByRoleAndRevokedAtIsNull(Role role);

    /** Revokes only a still-active token, so of two concurrent revocations exactly one counts. */
    @Modifying
    @Query("update ApiToken t set t.revokedAt = :now where t.id = :id and t.revokedAt is null")
    int revokeIfActive(UUID id, Instant now);
}

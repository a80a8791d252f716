package io.custodia.governance.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A staff bearer token; only its SHA-256 is stored, so a database dump yields no usable token. */
@Entity
@Table(name = "api_token")
class ApiToken {

    @Id
    private UUID id;

    private String name;

    @Enumerated(EnumType.STRING)
    private Role role;

    @Column(name = "token_hash")
    private byte[] tokenHash;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiToken() {}

    ApiToken(UUID id, String name, Role role, byte[] tokenHash, Instant createdAt, String createdBy) {
        this.id = id;
        this.name = name;
        this.role = role;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    UUID id() { return id; }
    String name() { return name; }
    Role role() { return role; }
    Instant createdAt() { return createdAt; }
    String createdBy() { return createdBy; }
    Instant revokedAt() { return revokedAt; }
    boolean active() { return revokedAt == null; }
}

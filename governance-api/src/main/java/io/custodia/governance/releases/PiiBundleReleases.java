package io.custodia.governance.releases;

import io.custodia.governance.audit.Actor;
import io.custodia.governance.audit.AuditLog;
import io.custodia.governance.requests.ApprovedPii;
import io.custodia.governance.requests.Enforcing;
import io.custodia.governance.requests.PiiSubject;
import io.custodia.governance.requests.RequestStatus;
import io.custodia.pii.BundleBuilder;
import io.custodia.pii.IdentifierKind;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Releasing a PII bundle: every approved or enforced PII request's identifiers, hashed and signed, stored, and the
 * newly included requests marked ENFORCED — in one transaction, so a request is never ENFORCED by a bundle that was
 * not stored.
 */
@Component
class PiiBundleReleases {

    static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyy.MM.dd.HHmmss.SSS").withZone(ZoneOffset.UTC);

    private final ApprovedPii approved;
    private final Enforcing enforcing;
    private final BundleSigningKey key;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final ReleaseProperties properties;
    private final Clock clock;

    PiiBundleReleases(ApprovedPii approved, Enforcing enforcing, BundleSigningKey key, AuditLog audit, JdbcClient jdbc,
            ReleaseProperties properties, Clock clock) {
        this.approved = approved;
        this.enforcing = enforcing;
        this.key = key;
        this.audit = audit;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** What a release made: its version, size and checksum, and how many requests it enforced for the first time. */
    record Released(String version, Instant createdAt, Instant validUntil, int entries, int requests, int newlyEnforced,
            String sha256) {}

    /** A stored release, for download. */
    record Stored(String version, byte[] content) {}

    @Transactional
    Released release(Actor by) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String version = "pii-" + VERSION.format(now);
        List<PiiSubject> subjects = approved.forRelease();
        BundleBuilder builder = builder(subjects, properties);
        Instant validUntil = now.plus(properties.bundleValidity());
        byte[] content = builder.build(new BundleBuilder.Release(version, now, validUntil, key.keyId()), key.privateKey());
        String sha256 = sha256(content);
        jdbc.sql("""
                INSERT INTO pii_bundle_release (version, created_at, valid_until, entries, requests, sha256, content)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(version, OffsetDateTime.ofInstant(now, ZoneOffset.UTC), OffsetDateTime.ofInstant(validUntil, ZoneOffset.UTC),
                        builder.size(), subjects.size(), sha256, content)
                .update();
        int enforced = 0;
        for (PiiSubject subject : subjects) {
            if (subject.status() == RequestStatus.APPROVED && enforcing.markEnforced(subject.requestId(), version)) {
                enforced++;
            }
        }
        audit.append(by, "PII_BUNDLE_RELEASED", null, Map.of("version", version, "entries", builder.size(),
                "requests", subjects.size(), "newlyEnforced", enforced, "sha256", sha256));
        return new Released(version, now, validUntil, builder.size(), subjects.size(), enforced, sha256);
    }

    /** Every identifier of these requests, hashed with a fresh key. */
    static BundleBuilder builder(List<PiiSubject> subjects, ReleaseProperties properties) {
        BundleBuilder builder = new BundleBuilder(properties.phoneRegion(), BundleBuilder.randomKey());
        for (PiiSubject subject : subjects) {
            subject.names().forEach(v -> builder.add(IdentifierKind.NAME, v));
            subject.emails().forEach(v -> builder.add(IdentifierKind.EMAIL, v));
            subject.phones().forEach(v -> builder.add(IdentifierKind.PHONE, v));
            subject.addresses().forEach(v -> builder.add(IdentifierKind.ADDRESS, v));
            subject.other().forEach(v -> builder.add(IdentifierKind.OTHER, v));
        }
        return builder;
    }

    @Transactional(readOnly = true)
    Optional<Stored> latest() {
        return jdbc.sql("SELECT version, content FROM pii_bundle_release ORDER BY created_at DESC, version DESC LIMIT 1")
                .query((rs, n) -> new Stored(rs.getString(1), rs.getBytes(2)))
                .optional();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.custodia.governance.requests;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.UUID;

/**
 * A removal request as stored: status and dates in clear, the submission only as ciphertext. Every status change
 * goes through {@link #apply}, which consults the lifecycle table and changes nothing when the step is refused.
 */
@Entity
@Table(name = "removal_request")
class RemovalRequest {

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    private RequestKind kind;

    @Enumerated(EnumType.STRING)
    private RequestStatus status;

    @Column(name = "tracking_token_hash")
    private byte[] trackingTokenHash;

    @Column(name = "requester_email_hash")
    private byte[] requesterEmailHash;

    private byte[] payload;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "email_verified_at")
    private Instant emailVerifiedAt;

    @Column(name = "code_hash")
    private byte[] codeHash;

    @Column(name = "code_expires_at")
    private Instant codeExpiresAt;

    @Column(name = "code_attempts")
    private int codeAttempts;

    @Column(name = "codes_sent")
    private int codesSent;

    @Column(name = "site_host")
    private String siteHost;

    @Column(name = "site_challenge")
    private String siteChallenge;

    @Column(name = "site_verified_at")
    private Instant siteVerifiedAt;

    @Column(name = "site_verified_by")
    private String siteVerifiedBy;

    @Column(name = "verified_at")
    private Instant verifiedAt;

    @Column(name = "due_at")
    private Instant dueAt;

    private String assignee;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decision_note")
    private String decisionNote;

    @Column(name = "rejection_reason")
    private String rejectionReason;

    @Column(name = "duplicate_of")
    private UUID duplicateOf;

    @Column(name = "enforced_at")
    private Instant enforcedAt;

    @Column(name = "enforced_release")
    private String enforcedRelease;

    @Version
    private long version;

    protected RemovalRequest() {}

    RemovalRequest(UUID id, RequestKind kind, byte[] trackingTokenHash, byte[] requesterEmailHash, Instant createdAt) {
        this.id = id;
        this.kind = kind;
        this.status = RequestStatus.SUBMITTED;
        this.trackingTokenHash = trackingTokenHash;
        this.requesterEmailHash = requesterEmailHash;
        this.createdAt = createdAt;
    }

    /** Attempts a lifecycle step; on refusal nothing about the request changes. */
    Transition apply(Step step, Instant now) {
        Transition transition = step.attempt(status);
        if (transition instanceof Transition.Moved moved) {
            status = moved.to();
            switch (step) {
                case APPROVE, REJECT -> decidedAt = now;
                case ENFORCE -> enforcedAt = now;
                default -> { }
            }
        }
        return transition;
    }

    boolean tracksWith(byte[] tokenHash) {
        return MessageDigest.isEqual(trackingTokenHash, tokenHash);
    }

    void seal(byte[] payload) {
        this.payload = payload;
    }

    void issueCode(byte[] codeHash, Instant expiresAt) {
        this.codeHash = codeHash;
        this.codeExpiresAt = expiresAt;
        this.codeAttempts = 0;
        this.codesSent++;
    }

    void countWrongCode() {
        codeAttempts++;
    }

    void confirmEmail(Instant now) {
        emailVerifiedAt = now;
        codeHash = null;
        codeExpiresAt = null;
    }

    void challengeSite(String host, String challenge) {
        this.siteHost = host;
        this.siteChallenge = challenge;
    }

    void confirmSite(Instant now, String method) {
        siteVerifiedAt = now;
        siteVerifiedBy = method;
    }

    /** Still waiting for the requester to confirm the e-mail address with a code. */
    boolean awaitsCode() {
        return status == RequestStatus.SUBMITTED && emailVerifiedAt == null;
    }

    boolean readyForVerification() {
        return emailVerifiedAt != null && (kind != RequestKind.OPT_OUT || siteVerifiedAt != null);
    }

    void scheduleDecision(Instant now, Instant due) {
        verifiedAt = now;
        dueAt = due;
    }

    void assignTo(String reviewer) {
        assignee = reviewer;
    }

    void noteDecision(String reviewer, String note, String reason) {
        decidedBy = reviewer;
        decisionNote = note;
        rejectionReason = reason;
    }

    void duplicateOf(UUID other) {
        duplicateOf = other;
    }

    void enforcedIn(String release) {
        enforcedRelease = release;
    }

    boolean overdue(Instant now) {
        return dueAt != null && RequestStatus.AWAITING_DECISION.contains(status) && dueAt.isBefore(now);
    }

    UUID id() { return id; }
    RequestKind kind() { return kind; }
    RequestStatus status() { return status; }
    byte[] payload() { return payload; }
    Instant createdAt() { return createdAt; }
    Instant emailVerifiedAt() { return emailVerifiedAt; }
    byte[] codeHash() { return codeHash; }
    Instant codeExpiresAt() { return codeExpiresAt; }
    int codeAttempts() { return codeAttempts; }
    int codesSent() { return codesSent; }
    String siteHost() { return siteHost; }
    String siteChallenge() { return siteChallenge; }
    Instant siteVerifiedAt() { return siteVerifiedAt; }
    String siteVerifiedBy() { return siteVerifiedBy; }
    Instant verifiedAt() { return verifiedAt; }
    Instant dueAt() { return dueAt; }
    String assignee() { return assignee; }
    Instant decidedAt() { return decidedAt; }
    String decidedBy() { return decidedBy; }
    String decisionNote() { return decisionNote; }
    String rejectionReason() { return rejectionReason; }
    UUID duplicateOfId() { return duplicateOf; }
    Instant enforcedAt() { return enforcedAt; }
    String enforcedRelease() { return enforcedRelease; }
}

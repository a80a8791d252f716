-- The system of record for removal requests, API tokens and the append-only audit chain.
-- Personal data (the submission: requester contact, identifiers, excerpts) is stored only as AEAD ciphertext
-- and found only through keyed hashes (HMAC-SHA-256); see docs/security.md.

CREATE TABLE removal_request (
    id                   uuid        PRIMARY KEY,
    kind                 text        NOT NULL CHECK (kind IN ('OPT_OUT', 'PII', 'COPYRIGHT')),
    status               text        NOT NULL CHECK (status IN ('SUBMITTED', 'VERIFIED', 'UNDER_REVIEW', 'APPROVED',
                                                                'REJECTED', 'ENFORCED', 'WITHDRAWN', 'DUPLICATE')),
    tracking_token_hash  bytea       NOT NULL UNIQUE,
    requester_email_hash bytea       NOT NULL,
    payload              bytea       NOT NULL, -- AEAD ciphertext of the whole submission, requester included
    created_at           timestamptz NOT NULL,
    email_verified_at    timestamptz,
    code_hash            bytea,
    code_expires_at      timestamptz,
    code_attempts        integer     NOT NULL DEFAULT 0,
    codes_sent           integer     NOT NULL DEFAULT 0,
    site_host            text,
    site_challenge       text,
    site_verified_at     timestamptz,
    site_verified_by     text,
    verified_at          timestamptz,
    due_at               timestamptz,
    assignee             text,
    decided_at           timestamptz,
    decision_note        text,
    rejection_reason     text,
    duplicate_of         uuid        REFERENCES removal_request (id),
    enforced_at          timestamptz,
    enforced_release     text,
    version              bigint      NOT NULL DEFAULT 0
);

CREATE INDEX removal_request_queue ON removal_request (status, due_at);
CREATE INDEX removal_request_email_hash ON removal_request (requester_email_hash);

-- Keyed hashes of what a request is about (normalized identifiers, opt-out target, work and excerpts):
-- duplicates are found by comparing these, never plaintext.
CREATE TABLE request_subject_key (
    request_id uuid  NOT NULL REFERENCES removal_request (id),
    key_hash   bytea NOT NULL,
    PRIMARY KEY (request_id, key_hash)
);

CREATE INDEX request_subject_key_hash ON request_subject_key (key_hash);

CREATE TABLE api_token (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL,
    role       text        NOT NULL CHECK (role IN ('REVIEWER', 'AUDITOR', 'ADMIN')),
    token_hash bytea       NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    created_by text        NOT NULL,
    revoked_at timestamptz
);

-- Append-only: each entry's hash is SHA-256 over its canonical form, which includes the previous entry's hash.
CREATE TABLE audit_event (
    seq         bigint      PRIMARY KEY CHECK (seq > 0),
    occurred_at timestamptz NOT NULL,
    actor       text        NOT NULL,
    role        text        NOT NULL,
    action      text        NOT NULL,
    request_id  uuid,
    details     text        NOT NULL,
    prev_hash   text        NOT NULL,
    hash        text        NOT NULL UNIQUE
);

CREATE INDEX audit_event_request ON audit_event (request_id, seq);

CREATE FUNCTION audit_event_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

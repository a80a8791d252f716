-- Released PII hash bundles: signed files holding keyed hashes only, published for open-weight users.
CREATE TABLE pii_bundle_release (
    version     text        PRIMARY KEY,
    created_at  timestamptz NOT NULL,
    valid_until timestamptz NOT NULL,
    entries     integer     NOT NULL,
    requests    integer     NOT NULL,
    sha256      text        NOT NULL,
    content     bytea       NOT NULL
);

CREATE INDEX pii_bundle_release_created ON pii_bundle_release (created_at DESC);

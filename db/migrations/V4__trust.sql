-- Who vouches for packages. Only public keys are kept here: publishers' keys that admins registered and
-- the hub's own (it signs build provenance); the hub's private key is kept where the configuration says
-- (a file or a secret), never in a table.
CREATE TABLE signing_key (
    fingerprint    text        PRIMARY KEY CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
    name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    kind           text        NOT NULL CHECK (kind IN ('publisher', 'hub')),
    public_pem     text        NOT NULL CHECK (length(public_pem) <= 4096),
    created_at     timestamptz NOT NULL DEFAULT now(),
    created_by     bigint REFERENCES api_token (id),
    revoked_at     timestamptz,
    revoked_reason text CHECK (length(revoked_reason) <= 500),
    CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);

-- cosign's legacy attachment tags ("sha256-<hex>.sig"): movable names for attachments, which cosign
-- rewrites to add a signature, kept apart from version tags so they can never name a version.
CREATE TABLE attachment_tag (
    repository  package_name  NOT NULL,
    name        text          NOT NULL CHECK (name ~ '^sha256-[0-9a-f]{64}\.(sig|att|sbom)$'),
    subject     sha256_digest NOT NULL,
    manifest_id bigint        NOT NULL REFERENCES manifest (id),
    updated_at  timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (repository, name)
);
CREATE INDEX attachment_tag_subject ON attachment_tag (repository, subject);

-- What a worker reported about where it built (tool versions, sandbox settings): signed into provenance.
ALTER TABLE build ADD COLUMN environment jsonb;

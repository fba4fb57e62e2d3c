-- The registry's schema. Invariants live here as constraints, so no code path can break them:
-- a version number is used once per package, digests are well-formed, a tag names one version,
-- a build is active at most once per name@version.

-- Package names are OCI repository names with at most one namespace ("[ns/]name").
CREATE DOMAIN package_name AS text
    CHECK (length(VALUE) <= 255
       AND VALUE ~ '^[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*(/[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*)?$');

CREATE DOMAIN sha256_digest AS text
    CHECK (VALUE ~ '^sha256:[0-9a-f]{64}$');

-- API tokens: only the SHA-256 of the secret is stored. Scopes are "admin", "worker",
-- "publish:<pattern>" and "yank:<pattern>", where the pattern is a package name glob ("*", "tools/*").
CREATE TABLE api_token (
    id           bigserial PRIMARY KEY,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    secret_hash  bytea       NOT NULL UNIQUE CHECK (octet_length(secret_hash) = 32),
    hint         text        NOT NULL,
    scopes       text[]      NOT NULL CHECK (cardinality(scopes) > 0),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    created_by   bigint REFERENCES api_token (id)
);

-- One token bucket per token and action (crates.io keeps its rate limiter the same way).
CREATE TABLE rate_limit_bucket (
    token_id    bigint      NOT NULL REFERENCES api_token (id) ON DELETE CASCADE,
    action      text        NOT NULL,
    tokens      integer     NOT NULL CHECK (tokens >= 0),
    last_refill timestamptz NOT NULL,
    PRIMARY KEY (token_id, action)
);

-- Blobs are content-addressed: the object store keeps each once, under its digest.
CREATE TABLE blob (
    digest     sha256_digest PRIMARY KEY,
    size       bigint        NOT NULL CHECK (size >= 0),
    created_at timestamptz   NOT NULL DEFAULT now()
);

-- Which repository (package name) may serve which blob over OCI.
CREATE TABLE repository_blob (
    repository package_name  NOT NULL,
    digest     sha256_digest NOT NULL REFERENCES blob (digest),
    created_at timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (repository, digest)
);

-- Manifests are kept byte for byte: their digest is the hash of exactly these bytes.
CREATE TABLE manifest (
    id            bigserial PRIMARY KEY,
    repository    package_name  NOT NULL,
    digest        sha256_digest NOT NULL,
    media_type    text          NOT NULL,
    artifact_type text,
    content       bytea         NOT NULL,
    subject       sha256_digest,
    annotations   jsonb         NOT NULL DEFAULT '{}',
    created_at    timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (repository, digest)
);
CREATE INDEX manifest_subject ON manifest (repository, subject) WHERE subject IS NOT NULL;

CREATE TABLE package (
    id          bigserial PRIMARY KEY,
    name        package_name NOT NULL UNIQUE,
    -- Latest version, its description and keywords, kept here for search and listings.
    latest_version text,
    description text,
    keywords    text[]       NOT NULL DEFAULT '{}',
    downloads   bigint       NOT NULL DEFAULT 0 CHECK (downloads >= 0),
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    search      tsvector     NOT NULL DEFAULT ''
);
CREATE INDEX package_search ON package USING gin (search);
CREATE INDEX package_updated ON package (updated_at DESC);

-- Names are matched as words ("tcp-states" finds "tcp" and "states"), descriptions with English
-- stemming ("signals" finds "signal"), weighted A name, B description, C keywords (as Artifact Hub does).
CREATE FUNCTION package_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search :=
        setweight(to_tsvector('simple', NEW.name || ' ' || regexp_replace(NEW.name, '[/._-]+', ' ', 'g')), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.description, '')), 'B')
        || setweight(to_tsvector('simple', array_to_string(NEW.keywords, ' ')), 'C');
    RETURN NEW;
END $$;
CREATE TRIGGER package_search_document BEFORE INSERT OR UPDATE OF name, description, keywords ON package
    FOR EACH ROW EXECUTE FUNCTION package_search_document();

CREATE TABLE package_version (
    id              bigserial PRIMARY KEY,
    package_id      bigint        NOT NULL REFERENCES package (id),
    version         text          NOT NULL CHECK (length(version) BETWEEN 5 AND 128),
    prerelease      boolean       NOT NULL,
    manifest_id     bigint        NOT NULL REFERENCES manifest (id),
    config_digest   sha256_digest NOT NULL,
    layer_digest    sha256_digest NOT NULL,
    -- The .ebpm file, rebuilt from the blobs on the server.
    package_digest  sha256_digest NOT NULL,
    package_size    bigint        NOT NULL CHECK (package_size > 0),
    object_size     bigint        NOT NULL CHECK (object_size > 0),
    description     text,
    license         text,
    keywords        text[]        NOT NULL DEFAULT '{}',
    readme          text,
    -- What the catalog and `ecli info` show (flags, programs, maps, fields), derived from the blobs at publish.
    details         jsonb         NOT NULL,
    yanked          boolean       NOT NULL DEFAULT false,
    yanked_reason   text,
    downloads       bigint        NOT NULL DEFAULT 0 CHECK (downloads >= 0),
    published_at    timestamptz   NOT NULL DEFAULT now(),
    published_by    bigint REFERENCES api_token (id),
    build_id        uuid,
    -- Versions are immutable: a number, once used, is never reused.
    UNIQUE (package_id, version)
);
CREATE INDEX package_version_layer ON package_version (layer_digest);
CREATE INDEX package_version_package_digest ON package_version (package_digest);

-- Movable names for versions. "latest" is computed (highest non-prerelease, non-yanked) unless set here.
CREATE TABLE tag (
    package_id bigint      NOT NULL REFERENCES package (id),
    name       text        NOT NULL CHECK (name ~ '^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$'),
    version_id bigint      NOT NULL REFERENCES package_version (id),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (package_id, name)
);

CREATE TABLE version_download (
    version_id bigint NOT NULL REFERENCES package_version (id),
    day        date   NOT NULL,
    count      bigint NOT NULL CHECK (count >= 0),
    PRIMARY KEY (version_id, day)
);

-- Chunked OCI uploads in progress; their bytes wait in the server's upload directory.
CREATE TABLE blob_upload (
    id         uuid PRIMARY KEY,
    repository package_name NOT NULL,
    received   bigint       NOT NULL DEFAULT 0 CHECK (received >= 0),
    created_at timestamptz  NOT NULL DEFAULT now(),
    updated_at timestamptz  NOT NULL DEFAULT now()
);

-- Compile builds: sources in, a published version (or a log saying why not) out.
CREATE TABLE build (
    id               uuid PRIMARY KEY,
    package_name     package_name  NOT NULL,
    version          text          NOT NULL,
    state            text          NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
    source_digest    sha256_digest NOT NULL,
    source_size      bigint        NOT NULL,
    log              text          NOT NULL DEFAULT '',
    error            text,
    attempts         integer       NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    lease_id         uuid,
    lease_expires_at timestamptz,
    worker           text,
    version_id       bigint REFERENCES package_version (id),
    requested_by     bigint REFERENCES api_token (id),
    created_at       timestamptz   NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    CHECK ((state = 'running') = (lease_id IS NOT NULL))
);
-- One build at a time per name@version, and none once it succeeded; a failed one may be retried.
CREATE UNIQUE INDEX build_active ON build (package_name, version) WHERE state <> 'failed';
CREATE INDEX build_queue ON build (created_at) WHERE state IN ('queued', 'running');

-- Removing a version (an admin takes it down: malware, a leaked secret, a legal demand). The version row
-- stays, so its number is never used again (UNIQUE(package_id, version)); it is marked removed, and the
-- audit record says who removed it, when and why.
ALTER TABLE package_version ADD COLUMN removed_at timestamptz;

CREATE TABLE version_removal (
    id              bigserial PRIMARY KEY,
    -- One removal per version: removing it again answers this record.
    version_id      bigint        NOT NULL UNIQUE REFERENCES package_version (id),
    package_name    package_name  NOT NULL,
    version         text          NOT NULL CHECK (length(version) BETWEEN 5 AND 128),
    manifest_digest sha256_digest NOT NULL,
    removed_by      bigint REFERENCES api_token (id),
    removed_by_name text          NOT NULL CHECK (length(removed_by_name) BETWEEN 1 AND 100),
    removed_at      timestamptz   NOT NULL DEFAULT now(),
    reason          text          NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000 AND btrim(reason) <> '')
);
CREATE INDEX version_removal_newest ON version_removal (removed_at DESC);
CREATE INDEX version_removal_manifest ON version_removal (package_name, manifest_digest);

-- A version is removed exactly when it has a removal record, at the record's time.
CREATE FUNCTION version_removal_marks_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM package_version WHERE id = NEW.version_id AND removed_at = NEW.removed_at) THEN
        RAISE EXCEPTION 'version % is not marked removed at %', NEW.version_id, NEW.removed_at;
    END IF;
    RETURN NEW;
END $$;
CREATE CONSTRAINT TRIGGER version_removal_marks_version AFTER INSERT ON version_removal
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION version_removal_marks_version();

-- No tag points at a removed version.
CREATE FUNCTION tag_not_on_removed_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM package_version WHERE id = NEW.version_id AND removed_at IS NOT NULL) THEN
        RAISE EXCEPTION 'tag % cannot point at removed version %', NEW.name, NEW.version_id;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER tag_not_on_removed_version BEFORE INSERT OR UPDATE OF version_id ON tag
    FOR EACH ROW EXECUTE FUNCTION tag_not_on_removed_version();

-- Worker reports are safe to repeat: a build remembers the lease it finished under (only a finished build
-- has one), and the last numbered log chunk appended under its current lease.
ALTER TABLE build ADD COLUMN finished_lease uuid;
ALTER TABLE build ADD COLUMN log_sequence bigint NOT NULL DEFAULT 0 CHECK (log_sequence >= 0);
ALTER TABLE build ADD CONSTRAINT build_finished_lease
    CHECK (finished_lease IS NULL OR state IN ('succeeded', 'failed'));

-- Identical sources are not compiled twice: the registry looks up a succeeded build by its source digest
-- on every submission, which needs an index. No query looks versions up by package-file digest.
CREATE INDEX build_succeeded_sources ON build (source_digest, finished_at DESC) WHERE state = 'succeeded';
DROP INDEX package_version_package_digest;

-- Chunked uploads keep their chunks in the bucket (uploads/<id>/<index>), not in a replica's directory, so
-- any replica can continue or finish a session; the row counts them.
ALTER TABLE blob_upload ADD COLUMN parts integer NOT NULL DEFAULT 0 CHECK (parts >= 0 AND parts <= 10000);
-- Sessions open at the upgrade kept their chunks in a directory this version no longer reads: they end,
-- and their clients start the upload again (as after an expired session).
DELETE FROM blob_upload;

/**
 * The ebpm registry: package versions stored as OCI artifacts (blobs in S3-compatible storage, metadata in
 * PostgreSQL), a REST API under {@code /api/v1}, the OCI Distribution API under {@code /v2/}, tokens, and
 * compile builds leased to workers. Resources are thin; each concept package holds its service.
 */
package dev.ebpm.registry;

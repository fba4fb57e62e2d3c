/**
 * Blob storage: content-addressed objects in an S3-compatible store through the MinIO client. Only
 * {@link dev.ebpm.registry.storage.StorageKey} knows the object layout; names never reach a key.
 */
package dev.ebpm.registry.storage;

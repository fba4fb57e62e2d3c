/**
 * The object store under the registry: content-addressed objects behind {@link
 * dev.ebpm.registry.storage.ObjectStore}, kept in an S3-compatible bucket by {@link
 * dev.ebpm.registry.storage.MinioObjectStore}. Only {@link dev.ebpm.registry.storage.StorageKey} knows the
 * object layout; names never reach a key. Depends on no other registry package.
 */
package dev.ebpm.registry.storage;

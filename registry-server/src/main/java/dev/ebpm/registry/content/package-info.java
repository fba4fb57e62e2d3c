/**
 * The registry's content, below everything that publishes, resolves or serves it: blobs (spooled from
 * requests, stored in the object store once verified, recorded and linked to the repositories that may
 * serve them, deleted when nothing needs them), manifests kept byte for byte, the in-memory copies of
 * both, and the {@link dev.ebpm.registry.content.PackageChanged} event those copies listen to. Depends
 * only on {@code storage}, {@code error} and {@code db}.
 */
package dev.ebpm.registry.content;

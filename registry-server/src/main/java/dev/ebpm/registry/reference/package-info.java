/**
 * What requests name, as typed values parsed once where a request enters: package names, versions and
 * tags (the shared library's types), a version-or-tag {@link dev.ebpm.registry.reference.VersionRef}, an OCI
 * {@link dev.ebpm.registry.reference.ManifestRef} that may also be a digest, and free text checked for
 * length and NUL. Invalid text is a 400 with the code of its kind. Depends only on {@code error}.
 */
package dev.ebpm.registry.reference;

/**
 * Talking to registries: the OCI Distribution API for pulls (so any OCI registry holding ebpm artifacts
 * works) and the ebpm REST API for publishing, builds, search and package details. Failures become
 * one-line errors with distinct exit codes: not found, auth, unreachable, integrity.
 */
package dev.ebpm.ecli.registry;

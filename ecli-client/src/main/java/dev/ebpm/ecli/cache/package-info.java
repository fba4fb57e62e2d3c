/**
 * The local package cache under {@code $XDG_CACHE_HOME/ebpm}: blobs (manifests, configs, layers) stored by
 * digest with atomic writes and checked against their digest on every read, and the digests references
 * resolved to, with the time they were resolved (tags expire, versions and digests do not).
 */
package dev.ebpm.ecli.cache;

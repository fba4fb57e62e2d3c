/**
 * Serving blobs: strong ETags (the digest), immutable caching, single byte ranges, small blobs from
 * memory; and download counts, gathered in memory and written to PostgreSQL every few seconds so a
 * download costs no database write.
 */
package dev.ebpm.registry.download;

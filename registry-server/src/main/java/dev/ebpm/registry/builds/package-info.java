/**
 * Compile builds: a source archive (checked like crates.io checks crates: no links, no absolute or
 * {@code ..} paths, bounded file count and unpacked size) becomes a queued build; workers lease builds
 * with {@code FOR UPDATE SKIP LOCKED}, keep the lease alive with heartbeats and report a package (published
 * as the version) or a failure log. A lease that expires lets another worker take the build, up to a
 * maximum number of attempts.
 */
package dev.ebpm.registry.builds;

/**
 * The compile worker service ({@code bin/ebpm-worker}): leases builds from the registry with a worker
 * token, keeps each lease alive with heartbeats, compiles the sources with {@link dev.ebpm.compiler.BpfCompiler}
 * inside a bubblewrap sandbox, and reports the package or the log of why not; then leases the next one.
 */
package dev.ebpm.compiler.worker;

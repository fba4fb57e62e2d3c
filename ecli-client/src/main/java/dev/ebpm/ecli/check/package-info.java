/**
 * Whether a package can run on this kernel: its {@code KernelRequirements} (recorded by the hub, or read from
 * the package) against what this kernel offers, found by file checks and libbpf's feature probes.
 * {@code ecli check} prints the verdict per program; {@code ecli run} refuses with the same reason before
 * it loads anything.
 */
package dev.ebpm.ecli.check;

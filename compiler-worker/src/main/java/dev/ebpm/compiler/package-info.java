/** The compile pipeline: a .bpf.c source and its export header in, package files out. */
package dev.ebpm.compiler;

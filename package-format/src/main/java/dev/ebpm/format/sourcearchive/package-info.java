/**
 * Source archives sent to be compiled (tar.gz of one {@code *.bpf.c}, headers and a README), checked the
 * same way by the registry when they arrive and by the worker before it unpacks them.
 */
package dev.ebpm.format.sourcearchive;

/** The JNA binding of libbpf 1.1 and libc (raw signatures) and the checked wrappers over it. */
package dev.ebpm.ecli.libbpf;

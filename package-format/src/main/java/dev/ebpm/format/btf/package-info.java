/** Reading BTF: every type kind as a record, C type names as libbpf prints them, and data sections finalized from the ELF as libbpf does at open time. */
package dev.ebpm.format.btf;

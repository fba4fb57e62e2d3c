/** A BPF object as libbpf 1.1 sees it before load: programs, the maps it will create, and the skeleton meta derived from them. */
package dev.ebpm.format.object;

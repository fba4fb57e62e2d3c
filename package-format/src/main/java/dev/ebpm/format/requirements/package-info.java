/**
 * What a BPF object needs from the kernel that runs it: program and map types, the helpers its instructions
 * call, where it attaches, BTF, and the lowest mainline release all of that implies. The registry records it
 * at publish and the catalog shows it; ecli compares it with the running kernel ({@code ecli check}, and
 * before {@code ecli run} loads anything).
 */
package dev.ebpm.format.requirements;

/**
 * Stack traces, as CPU profilers collect them: ids in a {@code BPF_MAP_TYPE_STACK_TRACE} map, resolved to
 * instruction addresses and named with kernel symbols ({@code /proc/kallsyms}) and user symbols (the ELF
 * symbol tables of what {@code /proc/PID/maps} says is mapped at each address).
 */
package dev.ebpm.ecli.stacks;

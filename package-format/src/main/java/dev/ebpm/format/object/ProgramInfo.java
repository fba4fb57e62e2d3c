package dev.ebpm.format.object;

/** A BPF program of an object: function name, ELF section (where it attaches) and size in instructions. */
public record ProgramInfo(String name, String section, int sectionIndex, long offset, long instructionCount) {
}

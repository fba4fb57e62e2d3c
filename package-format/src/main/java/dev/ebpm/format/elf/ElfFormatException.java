package dev.ebpm.format.elf;

/** The bytes are not a well-formed 64-bit little-endian ELF file, or a structure in it points outside the file. */
public final class ElfFormatException extends RuntimeException {
    public ElfFormatException(String message) {
        super(message);
    }
}

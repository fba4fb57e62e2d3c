/** Reading 64-bit little-endian ELF objects: sections and symbols, every offset bounds-checked. */
package dev.ebpm.format.elf;

/** Finding and running clang, llvm-strip and bpftool. */
package dev.ebpm.compiler.toolchain;

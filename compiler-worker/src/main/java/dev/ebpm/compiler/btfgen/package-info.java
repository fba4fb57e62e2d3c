/** {@code ecc --btfgen}: the minimized BTF a package's object needs, made per kernel with bpftool and packed into the package. */
package dev.ebpm.compiler.btfgen;

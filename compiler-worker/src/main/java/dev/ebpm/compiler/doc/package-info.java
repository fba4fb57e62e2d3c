/** Doc comments: read from clang's JSON AST (or the source, for macro-written declarations) and merged into the skeleton. */
package dev.ebpm.compiler.doc;

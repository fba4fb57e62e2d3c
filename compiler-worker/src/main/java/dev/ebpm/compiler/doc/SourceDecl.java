package dev.ebpm.compiler.doc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A top-level declaration of the main source file, as clang's AST lists it: its kind ({@code VarDecl},
 * {@code FunctionDecl}, {@code RecordDecl}, …), name (empty for an anonymous struct), line, its Doxygen
 * comment ({@code FullComment} node) or null, and whether a macro wrote it ({@code BPF_PROG(name, ...)}),
 * in which case clang attaches no comment and ecc reads the one above it from the source.
 */
public record SourceDecl(String kind, String name, int line, JsonNode comment, boolean fromMacro) {
    public boolean isVariable() {
        return kind.equals("VarDecl");
    }

    public boolean isFunction() {
        return kind.equals("FunctionDecl");
    }

    public boolean isRecord() {
        return kind.equals("RecordDecl");
    }
}

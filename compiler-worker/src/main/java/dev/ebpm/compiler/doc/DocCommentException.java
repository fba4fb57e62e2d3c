package dev.ebpm.compiler.doc;

/** A doc comment whose annotation cannot be used, named by file and line. */
public final class DocCommentException extends RuntimeException {
    public DocCommentException(String message) {
        super(message);
    }
}

package dev.ebpm.compiler.cli;

/** A command line ecc cannot run: the message says what is wrong with it. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}

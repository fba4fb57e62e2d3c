package dev.ebpm.format.options;

/** A command line that cannot run: the message says what is wrong with it, in one line. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}

package dev.ebpm.format.values;

/** A value that does not fit its C type; the message names the variable, map key or flag. */
public final class ValueException extends RuntimeException {
    public ValueException(String message) {
        super(message);
    }
}

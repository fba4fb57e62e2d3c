package dev.ebpm.format.btf;

/** Malformed BTF data, or a lookup of a type that is not there. */
public final class BtfException extends RuntimeException {
    public BtfException(String message) {
        super(message);
    }
}

package dev.ebpm.format.object;

/** A BPF object that libbpf would refuse to open, for a reason named in the message. */
public final class ObjectFormatException extends RuntimeException {
    public ObjectFormatException(String message) {
        super(message);
    }
}

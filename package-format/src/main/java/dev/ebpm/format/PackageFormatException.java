package dev.ebpm.format;

/**
 * A package file that cannot be read: the message names the file, the field (as a JSON path such as
 * {@code meta.bpf_skel.maps[2].sample.interval}) and what was expected, in one line.
 */
public class PackageFormatException extends RuntimeException {
    public PackageFormatException(String message) {
        super(message);
    }

    public PackageFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The same problem, with the file it was found in named first. */
    public PackageFormatException in(String source) {
        return new PackageFormatException(source + ": " + getMessage(), getCause());
    }
}

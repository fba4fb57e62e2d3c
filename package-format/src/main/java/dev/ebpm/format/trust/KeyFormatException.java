package dev.ebpm.format.trust;

import dev.ebpm.format.PackageFormatException;

/** A key file that cannot be used: wrong PEM, wrong type or curve, wrong passphrase. */
public class KeyFormatException extends PackageFormatException {
    public KeyFormatException(String message) {
        super(message);
    }
}

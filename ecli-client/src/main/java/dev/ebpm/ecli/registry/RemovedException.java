package dev.ebpm.ecli.registry;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;

/** The registry answered 410: its administrators removed this version; the message says when and why. */
public final class RemovedException extends EcliException {
    public RemovedException(String message) {
        super(ExitCodes.REMOVED, message);
    }
}

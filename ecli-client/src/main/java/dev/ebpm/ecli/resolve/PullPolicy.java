package dev.ebpm.ecli.resolve;

import dev.ebpm.ecli.EcliException;

/** When to ask the registry: {@code always} for tags, when {@code missing} from the cache, or {@code never}. */
public enum PullPolicy {
    ALWAYS, MISSING, NEVER;

    public static PullPolicy parse(String text) {
        return switch (text) {
            case "always" -> ALWAYS;
            case "missing" -> MISSING;
            case "never" -> NEVER;
            default -> throw EcliException.usage("--pull: expected always, missing or never, got " + text);
        };
    }
}

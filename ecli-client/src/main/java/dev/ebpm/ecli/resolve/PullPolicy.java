package dev.ebpm.ecli.resolve;

import dev.ebpm.format.options.UsageException;

/** When to ask the registry: {@code always} for tags, when {@code missing} from the cache, or {@code never}. */
public enum PullPolicy {
    ALWAYS, MISSING, NEVER;

    public static PullPolicy parse(String text) {
        return switch (text) {
            case "always" -> ALWAYS;
            case "missing" -> MISSING;
            case "never" -> NEVER;
            default -> throw new UsageException("--pull: expected always, missing or never, got \"" + text + "\"");
        };
    }
}

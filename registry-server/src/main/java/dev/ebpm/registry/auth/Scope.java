package dev.ebpm.registry.auth;

import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;

import java.util.regex.Pattern;

/**
 * What a token may do: {@code admin} (anything), {@code worker} (lease and report builds), or
 * {@code publish:PATTERN} / {@code yank:PATTERN} for packages whose name matches a glob such as {@code *},
 * {@code tools/*} or {@code sigsnoop}.
 */
public record Scope(Action action, String pattern) {
    private static final Pattern GLOB = Pattern.compile("[a-z0-9._/*-]{1,255}");

    public enum Action { ADMIN, WORKER, PUBLISH, YANK }

    public static Scope parse(String text) {
        if (text == null) {
            throw ApiException.badRequest(ErrorCode.BAD_REQUEST, "a scope cannot be null: use admin, worker, "
                + "publish:PATTERN or yank:PATTERN");
        }
        if (text.equals("admin")) {
            return new Scope(Action.ADMIN, null);
        }
        if (text.equals("worker")) {
            return new Scope(Action.WORKER, null);
        }
        int colon = text.indexOf(':');
        if (colon > 0) {
            String kind = text.substring(0, colon);
            String pattern = text.substring(colon + 1);
            if ((kind.equals("publish") || kind.equals("yank")) && GLOB.matcher(pattern).matches()) {
                return new Scope(kind.equals("publish") ? Action.PUBLISH : Action.YANK, pattern);
            }
        }
        throw ApiException.badRequest(ErrorCode.BAD_REQUEST, "invalid scope \"" + abbreviated(text)
            + "\": use admin, worker, publish:PATTERN or yank:PATTERN (PATTERN a package name, * as wildcard)");
    }

    /** Scopes are echoed in errors; a long one is cut so an error stays one short line. */
    private static String abbreviated(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    /** Whether this scope allows {@code wanted} on {@code packageName} (null for actions on no package). */
    public boolean allows(Action wanted, String packageName) {
        if (action == Action.ADMIN) {
            return true;
        }
        if (action != wanted) {
            return false;
        }
        return pattern == null || packageName != null && globToRegex(pattern).matcher(packageName).matches();
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }

    @Override
    public String toString() {
        return pattern == null ? action.name().toLowerCase() : action.name().toLowerCase() + ":" + pattern;
    }
}

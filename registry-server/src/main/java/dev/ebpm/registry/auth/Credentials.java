package dev.ebpm.registry.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The token in an {@code Authorization} header: {@code Bearer TOKEN}, or Basic auth with the token as password. */
final class Credentials {
    private Credentials() {
    }

    static Optional<String> secret(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.empty();
        }
        String h = authorization.trim();
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(h.substring(7).trim());
        }
        if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return Optional.of(colon < 0 ? pair : pair.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                return Optional.of("");
            }
        }
        return Optional.of("");
    }
}

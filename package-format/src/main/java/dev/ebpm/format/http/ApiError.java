package dev.ebpm.format.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.json.Json;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/**
 * A registry's answer with an error status: the status, the first entry of its error envelope (code and
 * message; empty when the body is not an envelope) and the seconds its {@code Retry-After} asks for (0 when
 * it sent none).
 */
public record ApiError(int status, String code, String message, long retryAfterSeconds) {
    private static final int MAX_MESSAGE = 500;

    public static ApiError of(int status, HttpHeaders headers, byte[] body) {
        String code = "";
        String message = "";
        try {
            JsonNode first = Json.parse(body).path("errors").path(0);
            code = first.path("code").asText("");
            message = first.path("message").asText("");
        } catch (PackageFormatException e) {
            // Not the envelope (a proxy's page, say): a short plain-text body still says something.
            String text = new String(body, StandardCharsets.UTF_8).strip();
            if (!text.isEmpty() && !text.startsWith("<") && text.indexOf('\n') < 0) {
                message = text;
            }
        }
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "...";
        }
        long retry = headers.firstValue("Retry-After").map(ApiError::seconds).orElse(0L);
        return new ApiError(status, code, message, retry);
    }

    /** The registry's message, or the status when it sent none. */
    public String describe() {
        return message.isBlank() ? "HTTP " + status : message;
    }

    /** Whether asking again later may succeed: the registry was overloaded, restarting or limiting. */
    public boolean transientFailure() {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    private static long seconds(String value) {
        try {
            return Math.max(0, Math.min(3600, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

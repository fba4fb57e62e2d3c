package dev.ebpm.registry.error;

import java.util.List;

/** The error envelope: {@code {"errors":[{"code":"…","message":"…"}]}}. */
public record ErrorBody(List<Entry> errors) {
    public record Entry(String code, String message) {
    }

    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(List.of(new Entry(code.name(), message)));
    }
}

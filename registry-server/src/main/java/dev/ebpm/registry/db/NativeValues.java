package dev.ebpm.registry.db;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** Converts columns of native-query rows ({@code timestamptz}, {@code text[]}) to Java values. */
public final class NativeValues {
    private NativeValues() {
    }

    public static OffsetDateTime time(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof OffsetDateTime t) {
            return t;
        }
        if (o instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (o instanceof Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp type " + o.getClass().getName());
    }

    public static List<String> strings(Object o) {
        if (o instanceof String[] a) {
            return List.of(a);
        }
        if (o instanceof Object[] a) {
            return Arrays.stream(a).map(String::valueOf).toList();
        }
        if (o instanceof Array a) {
            try {
                return List.of((String[]) a.getArray());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.of();
    }
}

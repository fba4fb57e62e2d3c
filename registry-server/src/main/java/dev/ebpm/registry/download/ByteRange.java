package dev.ebpm.registry.download;

import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One byte range of a {@code Range: bytes=…} header (RFC 9110), resolved against the blob's length. */
public record ByteRange(long start, long endInclusive) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    public long length() {
        return endInclusive - start + 1;
    }

    /**
     * Empty when there is no header or it is not a single byte range (then the whole blob is sent, as
     * RFC 9110 allows); a 416 when the range lies outside the blob.
     */
    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty() || m.group(1).length() > 18
            || m.group(2).length() > 18) {
            return Optional.empty();
        }
        long start;
        long end;
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0) {
                throw unsatisfiable(size);
            }
            start = Math.max(0, size - suffix);
            end = size - 1;
        } else {
            start = Long.parseLong(m.group(1));
            end = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (end < start && !m.group(2).isEmpty() && Long.parseLong(m.group(2)) < start) {
                return Optional.empty();
            }
        }
        if (start >= size) {
            throw unsatisfiable(size);
        }
        return Optional.of(new ByteRange(start, end));
    }

    private static ApiException unsatisfiable(long size) {
        return new ApiException(416, ErrorCode.RANGE_INVALID, "the requested range is outside the blob's " + size
            + " bytes", Map.of("Content-Range", "bytes */" + size));
    }
}

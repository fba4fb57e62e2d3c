package dev.ebpm.format.io;

/** A stream went on past the number of bytes its reader allows; nothing read so far is kept. */
public class SizeLimitException extends RuntimeException {
    private final long limit;

    public SizeLimitException(long limit) {
        super("more than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}

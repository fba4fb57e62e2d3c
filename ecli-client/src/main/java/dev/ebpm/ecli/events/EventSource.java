package dev.ebpm.ecli.events;

/**
 * Something a poller thread drains until the run stops: a ring buffer, a perf buffer, a sampled map.
 * It is created before the programs attach (so no early event is lost) and freed by its own thread.
 */
public interface EventSource {
    String name();

    /** Runs on the source's own thread until {@code control} stops; then frees the source. */
    void run(RunControl control);

    /** Frees the source when its thread never started. */
    void free();

    /** Events the kernel could not hand over (lost samples), reported at exit; 0 when unknown or none. */
    long lost();
}

package dev.ebpm.registry.cluster;

import java.util.List;

/**
 * What another replica changed, as this replica's caches learn it: a topic (what kind of thing) and its
 * details (which ones), or {@link #EVERYTHING} when notices may have been missed. Fired outside any
 * transaction, after the change committed.
 */
public record ClusterChange(String topic, List<String> details) {
    /** A package's references, tags or blobs changed: the detail is its name. */
    public static final String PACKAGE = "package";
    /** A repository no longer serves some blobs: the details are the repository, then the digests. */
    public static final String UNLINKED = "unlinked";
    /** Blobs were deleted everywhere: the details are their digests. */
    public static final String DELETED = "deleted";
    /** Anything may have changed (this replica could not listen for a while). */
    public static final String EVERYTHING = "*";

    public ClusterChange {
        details = List.copyOf(details);
    }

    public static ClusterChange everything() {
        return new ClusterChange(EVERYTHING, List.of());
    }

    public boolean is(String t) {
        return topic.equals(t) || topic.equals(EVERYTHING);
    }

    public boolean everythingChanged() {
        return topic.equals(EVERYTHING);
    }
}

package dev.ebpm.format.meta;

import dev.ebpm.format.json.JsonFields;

/** The handle and priority of a tc filter. */
public record TcOpts(long handle, long priority) {
    public static final TcOpts DEFAULT = new TcOpts(1, 1);

    static TcOpts read(JsonFields f) {
        Long handle = f.integer("handle", 0, 0xffffffffL);
        Long priority = f.integer("priority", 0, 0xffffffffL);
        return new TcOpts(handle == null ? DEFAULT.handle : handle, priority == null ? DEFAULT.priority : priority);
    }
}

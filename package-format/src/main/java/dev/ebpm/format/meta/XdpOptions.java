package dev.ebpm.format.meta;

import dev.ebpm.format.json.JsonFields;

/** Where and how an xdp program attaches: {@code @ifindex} (default 1), {@code @flags} (0), {@code @xdpopts}. */
public record XdpOptions(int ifindex, long flags, int oldProgFd) {
    static XdpOptions read(JsonFields f) {
        Long ifindex = f.integer("ifindex", Integer.MIN_VALUE, Integer.MAX_VALUE);
        Long flags = f.integer("flags", 0, 0xffffffffL);
        JsonFields opts = f.object("xdpopts");
        Long old = opts == null ? null : opts.integer("old_prog_fd", Integer.MIN_VALUE, Integer.MAX_VALUE);
        return new XdpOptions(ifindex == null ? 1 : ifindex.intValue(), flags == null ? 0 : flags,
            old == null ? 0 : old.intValue());
    }
}

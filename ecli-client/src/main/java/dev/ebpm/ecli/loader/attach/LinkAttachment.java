package dev.ebpm.ecli.loader.attach;

import com.sun.jna.Pointer;
import dev.ebpm.ecli.libbpf.NativeLibbpf;

/** A program attached through a {@code bpf_link}, which {@code bpf_link__destroy} detaches. */
final class LinkAttachment implements Attachment {
    private final String description;
    private Pointer link;

    LinkAttachment(String description, Pointer link) {
        this.description = description;
        this.link = link;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public boolean detachesIndependently() {
        return true;
    }

    @Override
    public synchronized void close() {
        if (link != null) {
            NativeLibbpf.bpf_link__destroy(link);
            link = null;
        }
    }
}

package dev.ebpm.ecli.loader.attach;

/** Something attached to the kernel on a program's behalf; closing it detaches, and never throws. */
public interface Attachment extends AutoCloseable {
    /** Where it is attached, for messages: {@code tracepoint syscalls/sys_enter_openat}. */
    String describe();

    @Override
    void close();

    /**
     * Whether it may be detached on its own thread, alongside others: true when detaching touches nothing
     * shared. Closing a perf-event or raw-tracepoint link waits for an RCU grace period (~70 ms here), so
     * detaching a tool's seven programs one after another would keep Ctrl-C waiting half a second.
     */
    default boolean detachesIndependently() {
        return false;
    }
}

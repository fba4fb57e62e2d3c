package dev.ebpm.ecli.loader.attach;

/** Something attached to the kernel on a program's behalf; closing it detaches, and never throws. */
public interface Attachment extends AutoCloseable {
    /** Where it is attached, for messages: {@code tracepoint syscalls/sys_enter_openat}. */
    String describe();

    @Override
    void close();
}

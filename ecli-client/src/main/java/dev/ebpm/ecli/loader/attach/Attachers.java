package dev.ebpm.ecli.loader.attach;

import com.sun.jna.Pointer;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.libbpf.Errno;
import dev.ebpm.ecli.libbpf.Libbpf;
import dev.ebpm.ecli.loader.Kprobes;
import dev.ebpm.ecli.loader.LoadedObject;

/** What the link-based attachments share: turning libbpf's result into an attachment or a clear error. */
final class Attachers {
    private Attachers() {
    }

    static Attachment link(LoadedObject object, String program, String where, Pointer link) {
        if (link == null) {
            int errno = com.sun.jna.Native.getLastError();
            throw attachFailed(object, program, where, errno);
        }
        return new LinkAttachment(where, link);
    }

    static EcliException attachFailed(LoadedObject object, String program, String where, int errno) {
        String reason = errno == Errno.ENOENT && Kprobes.attachesThroughKprobes(where) ? Kprobes.HERE.missing(where)
            : errno == Errno.ENOENT ? "it does not exist on this kernel"
            : errno == Errno.EOPNOTSUPP ? "libbpf cannot attach this kind of program by itself"
            : Libbpf.describe(errno) + " (errno " + errno + ")";
        java.util.List<String> warnings = object.log().warnings(2);
        return EcliException.failed("cannot attach program '" + program + "' to " + where + ": " + reason
            + (warnings.isEmpty() ? "" : " (" + String.join("; ", warnings) + ")"));
    }
}

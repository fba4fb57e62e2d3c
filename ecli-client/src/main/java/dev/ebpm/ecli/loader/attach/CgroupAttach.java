package dev.ebpm.ecli.loader.attach;

import com.sun.jna.Native;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.libbpf.Libbpf;
import dev.ebpm.ecli.libbpf.NativeLibbpf;
import dev.ebpm.ecli.libbpf.NativeLibc;
import dev.ebpm.ecli.loader.LoadedObject;

/**
 * A cgroup program (sockops, say) attached to the cgroup v2 directory {@code path} through a link, which
 * holds the cgroup; the directory's descriptor is closed once the link exists.
 */
public record CgroupAttach(String program, String path) implements AttachPlan {
    private static final int O_RDONLY_DIRECTORY = 0x10000; // O_RDONLY | O_DIRECTORY (x86_64 and arm64 alike)

    @Override
    public Attachment attach(LoadedObject object) {
        int fd = NativeLibc.open(path, O_RDONLY_DIRECTORY);
        if (fd < 0) {
            int errno = Native.getLastError();
            throw EcliException.failed("cannot attach program '" + program + "' to cgroup " + path + ": "
                + Libbpf.describe(errno) + " (errno " + errno + ")");
        }
        try {
            object.log().clear();
            return Attachers.link(object, program, "cgroup " + path,
                NativeLibbpf.bpf_program__attach_cgroup(object.program(program), fd));
        } finally {
            NativeLibc.close(fd);
        }
    }
}

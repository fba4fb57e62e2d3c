package dev.ebpm.ecli.loader.attach;

import com.sun.jna.Memory;
import dev.ebpm.ecli.libbpf.NativeLibbpf;
import dev.ebpm.ecli.libbpf.Libbpf;
import dev.ebpm.ecli.loader.LoadedObject;

/** An XDP program on an interface (from {@code @ifindex}/{@code @flags}/{@code @xdpopts}, or {@code --ifindex}/{@code --iface}). */
public record XdpAttach(String program, int ifindex, String interfaceName, int flags, int oldProgFd)
    implements AttachPlan {
    /** {@code struct bpf_xdp_attach_opts}: sz, old_prog_fd@8; 16 bytes. */
    static final int OPTS_SIZE = 16;

    String where() {
        return "xdp of " + interfaceName;
    }

    @Override
    public Attachment attach(LoadedObject object) {
        int fd = NativeLibbpf.bpf_program__fd(object.program(program));
        Memory opts = Libbpf.opts(OPTS_SIZE);
        opts.setInt(8, oldProgFd);
        object.log().clear();
        int rc = NativeLibbpf.bpf_xdp_attach(ifindex, fd, flags, oldProgFd == 0 ? null : opts);
        if (rc < 0) {
            throw Attachers.attachFailed(object, program, where(), -rc);
        }
        return new Attachment() {
            private boolean attached = true;

            @Override
            public String describe() {
                return where();
            }

            @Override
            public synchronized void close() {
                if (attached) {
                    attached = false;
                    Memory detach = Libbpf.opts(OPTS_SIZE);
                    detach.setInt(8, fd);
                    NativeLibbpf.bpf_xdp_detach(ifindex, flags, detach);
                }
            }
        };
    }
}

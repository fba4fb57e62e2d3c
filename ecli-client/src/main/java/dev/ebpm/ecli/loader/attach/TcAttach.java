package dev.ebpm.ecli.loader.attach;

import com.sun.jna.Memory;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.libbpf.Errno;
import dev.ebpm.ecli.libbpf.NativeLibbpf;
import dev.ebpm.ecli.libbpf.Libbpf;
import dev.ebpm.ecli.loader.LoadedObject;

/**
 * A tc classifier on an interface's clsact hook (from {@code @tchook}/{@code @tcopts}, or
 * {@code --ifindex}/{@code --iface}). The clsact qdisc is created if missing and removed again on detach
 * only if this attachment created it.
 */
public record TcAttach(String program, int ifindex, String interfaceName, int attachPoint, long handle,
                       long priority) implements AttachPlan {
    public static final int BPF_TC_INGRESS = 1;
    public static final int BPF_TC_EGRESS = 2;
    public static final int BPF_TC_CUSTOM = 4;
    /** {@code struct bpf_tc_hook}: sz, ifindex@8, attach_point@12, parent@16; 24 bytes. */
    static final int HOOK_SIZE = 24;
    /** {@code struct bpf_tc_opts}: sz, prog_fd@8, flags@12, prog_id@16, handle@20, priority@24; 32 bytes. */
    static final int OPTS_SIZE = 32;

    public static int attachPoint(String name) {
        return switch (name) {
            case "BPF_TC_EGRESS" -> BPF_TC_EGRESS;
            case "BPF_TC_CUSTOM" -> BPF_TC_CUSTOM;
            default -> BPF_TC_INGRESS;
        };
    }

    String where() {
        return "tc " + (attachPoint == BPF_TC_EGRESS ? "egress" : "ingress") + " of " + interfaceName;
    }

    @Override
    public Attachment attach(LoadedObject object) {
        Memory hook = hook();
        object.log().clear();
        int rc = NativeLibbpf.bpf_tc_hook_create(hook);
        boolean created = rc == 0;
        if (rc < 0 && -rc != Errno.EEXIST) {
            throw Attachers.attachFailed(object, program, where(), -rc);
        }
        Memory opts = opts(NativeLibbpf.bpf_program__fd(object.program(program)));
        rc = NativeLibbpf.bpf_tc_attach(hook, opts);
        if (rc < 0) {
            if (created) {
                NativeLibbpf.bpf_tc_hook_destroy(hook);
            }
            if (-rc == Errno.EEXIST) {
                throw EcliException.failed("cannot attach program '" + program + "' to " + where() + ": a filter "
                    + "with handle " + handle + " and priority " + priority + " is already there");
            }
            throw Attachers.attachFailed(object, program, where(), -rc);
        }
        return new TcAttachment(this, hook, created);
    }

    Memory hook() {
        Memory hook = Libbpf.opts(HOOK_SIZE);
        hook.setInt(8, ifindex);
        hook.setInt(12, attachPoint);
        return hook;
    }

    Memory opts(int progFd) {
        Memory opts = Libbpf.opts(OPTS_SIZE);
        opts.setInt(8, progFd);
        opts.setInt(20, (int) handle);
        opts.setInt(24, (int) priority);
        return opts;
    }

    /** The attached filter; detaching removes it, and the hook too when this attachment made it. */
    private static final class TcAttachment implements Attachment {
        private final TcAttach plan;
        private final Memory hook;
        private final boolean createdHook;
        private boolean attached = true;

        TcAttachment(TcAttach plan, Memory hook, boolean createdHook) {
            this.plan = plan;
            this.hook = hook;
            this.createdHook = createdHook;
        }

        @Override
        public String describe() {
            return plan.where();
        }

        @Override
        public synchronized void close() {
            if (!attached) {
                return;
            }
            attached = false;
            NativeLibbpf.bpf_tc_detach(hook, plan.opts(0));
            if (createdHook) {
                // This attachment made the clsact qdisc, so it goes too (both directions = the qdisc itself).
                Memory destroy = plan.hook();
                destroy.setInt(12, BPF_TC_INGRESS | BPF_TC_EGRESS);
                NativeLibbpf.bpf_tc_hook_destroy(destroy);
            }
        }
    }
}

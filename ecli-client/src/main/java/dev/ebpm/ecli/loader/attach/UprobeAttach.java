package dev.ebpm.ecli.loader.attach;

import com.sun.jna.Memory;
import dev.ebpm.ecli.libbpf.NativeLibbpf;
import dev.ebpm.ecli.libbpf.Libbpf;
import dev.ebpm.ecli.loader.LoadedObject;

import java.nio.charset.StandardCharsets;

/**
 * A uprobe or uretprobe on a function of a binary, in every process that runs it. The binary can come
 * from the section ({@code uretprobe//bin/bash:readline}) or from {@code --uprobe-binary}.
 */
public record UprobeAttach(String program, boolean retprobe, String binary, String function, long offset)
    implements AttachPlan {
    /** {@code sizeof(struct bpf_uprobe_opts)} in libbpf 1.1: sz, ref_ctr_offset, bpf_cookie, retprobe, func_name. */
    static final int OPTS_SIZE = 40;
    private static final int OPTS_RETPROBE = 24;
    private static final int OPTS_FUNC_NAME = 32;

    @Override
    public Attachment attach(LoadedObject object) {
        Memory opts = Libbpf.opts(OPTS_SIZE);
        opts.setByte(OPTS_RETPROBE, (byte) (retprobe ? 1 : 0));
        Memory func = Libbpf.copyOf((function + "\0").getBytes(StandardCharsets.UTF_8));
        opts.setPointer(OPTS_FUNC_NAME, func);
        object.log().clear();
        String where = (retprobe ? "uretprobe " : "uprobe ") + binary + ":" + function
            + (offset == 0 ? "" : "+0x" + Long.toHexString(offset));
        return Attachers.link(object, program, where,
            NativeLibbpf.bpf_program__attach_uprobe_opts(object.program(program), -1, binary, offset, opts));
    }
}

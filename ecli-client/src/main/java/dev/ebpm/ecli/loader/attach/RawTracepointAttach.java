package dev.ebpm.ecli.loader.attach;

import dev.ebpm.ecli.libbpf.NativeLibbpf;
import dev.ebpm.ecli.loader.LoadedObject;

/** A raw tracepoint program attached to a raw tracepoint named at run time. */
public record RawTracepointAttach(String program, String name) implements AttachPlan {
    @Override
    public Attachment attach(LoadedObject object) {
        object.log().clear();
        return Attachers.link(object, program, "raw tracepoint " + name,
            NativeLibbpf.bpf_program__attach_raw_tracepoint(object.program(program), name));
    }
}

package dev.ebpm.ecli.loader.attach;

import dev.ebpm.ecli.libbpf.NativeLibbpf;
import dev.ebpm.ecli.loader.LoadedObject;

/** A tracepoint program attached to a tracepoint named at run time ({@code progs[].attach} edited). */
public record TracepointAttach(String program, String category, String name) implements AttachPlan {
    @Override
    public Attachment attach(LoadedObject object) {
        object.log().clear();
        return Attachers.link(object, program, "tracepoint " + category + "/" + name,
            NativeLibbpf.bpf_program__attach_tracepoint(object.program(program), category, name));
    }
}

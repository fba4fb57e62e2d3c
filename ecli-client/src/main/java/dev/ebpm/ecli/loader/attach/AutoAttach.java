package dev.ebpm.ecli.loader.attach;

import dev.ebpm.ecli.libbpf.NativeLibbpf;
import dev.ebpm.ecli.loader.LoadedObject;

/** libbpf attaches the program from its section name: tracepoints, raw tracepoints, fentry/fexit, lsm, ... */
public record AutoAttach(String program, String section) implements AttachPlan {
    @Override
    public Attachment attach(LoadedObject object) {
        object.log().clear();
        return Attachers.link(object, program, section, NativeLibbpf.bpf_program__attach(object.program(program)));
    }
}

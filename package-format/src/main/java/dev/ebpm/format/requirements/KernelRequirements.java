package dev.ebpm.format.requirements;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What a BPF object needs from the kernel. {@code tracepoints} are {@code category/name}, {@code functions}
 * kernel symbols (fentry, kprobe, lsm targets), {@code hooks} {@code tc}/{@code xdp}; {@code helpers} is every
 * program's helpers together; {@code minKernel} the lowest mainline release that has all of it (distribution
 * kernels backport features, so it is a guide and the probes of {@code ecli check} decide). A record from
 * before ebpm read helpers and programs (a hub's older versions) has empty lists and no {@code minKernel}.
 * {@code arch} is the architecture the package was built for ({@code ecc --target-arch}), null for any.
 */
public record KernelRequirements(boolean btf, List<String> mapTypes, List<String> tracepoints,
                                 List<String> rawTracepoints, List<String> functions, List<String> uprobes,
                                 List<String> hooks, List<String> helpers, List<ProgramNeeds> programs,
                                 String minKernel, String arch) {
    public KernelRequirements {
        mapTypes = orEmpty(mapTypes);
        tracepoints = orEmpty(tracepoints);
        rawTracepoints = orEmpty(rawTracepoints);
        functions = orEmpty(functions);
        uprobes = orEmpty(uprobes);
        hooks = orEmpty(hooks);
        helpers = orEmpty(helpers);
        programs = programs == null ? List.of() : List.copyOf(programs);
    }

    public KernelRequirements withArch(String newArch) {
        return new KernelRequirements(btf, mapTypes, tracepoints, rawTracepoints, functions, uprobes, hooks, helpers,
            programs, minKernel, newArch);
    }

    /** As the hub's version API writes it ({@code details.requires}); missing parts are empty. */
    public static KernelRequirements fromJson(JsonNode n) {
        List<ProgramNeeds> programs = new ArrayList<>();
        for (JsonNode p : n.path("programs")) {
            programs.add(new ProgramNeeds(p.path("name").asText(), p.path("section").asText(), p.path("kind").asText(),
                text(p.path("programType")), text(p.path("target")), strings(p.path("helpers")),
                p.path("trampoline").asBoolean(), text(p.path("since"))));
        }
        return new KernelRequirements(n.path("btf").asBoolean(), strings(n.path("mapTypes")),
            strings(n.path("tracepoints")), strings(n.path("rawTracepoints")), strings(n.path("functions")),
            strings(n.path("uprobes")), strings(n.path("hooks")), strings(n.path("helpers")), programs,
            text(n.path("minKernel")), text(n.path("arch")));
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : null;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : n) {
            if (s.isTextual()) {
                out.add(s.asText());
            }
        }
        return out;
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : List.copyOf(l);
    }
}

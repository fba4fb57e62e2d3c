package dev.ebpm.registry.catalog;

import dev.ebpm.format.requirements.KernelRequirements;

import java.util.List;

/**
 * What a version's program does and needs, derived on the server from its blobs at publish: programs and
 * where they attach, maps and how they are sampled, the flags exactly as {@code ecli run NAME --help} lists
 * them, the event fields printed, the output kind and what the kernel must offer ({@link KernelRequirements}). For a wasm-bpf module,
 * {@code module} says what the module is (null for a package) and the rest describes the object it embeds;
 * its flags are the module's own business, so none are listed. {@code btfKernels}: the kernels a package built
 * with {@code ecc --btfgen} carries BTF for (null or empty for most).
 */
public record VersionDetails(String objName, String summary, String license, String output,
                             List<Program> programs, List<MapView> maps, List<Flag> flags, List<Event> events,
                             KernelRequirements requires, String eunomiaVersion, Module module,
                             List<String> btfKernels) {
    /** A wasm module: its size, what it imports, and whether ecc's meta section described its object. */
    public record Module(long size, List<String> imports, boolean described) {
    }

    public VersionDetails asModule(Module m) {
        return new VersionDetails(objName, summary, license, "module", programs, maps, List.of(), events, requires,
            eunomiaVersion, m, btfKernels);
    }

    public record Program(String name, String section, String kind, String attachTo) {
    }

    /** {@code metric}: the name and help the package gave its Prometheus metric ({@code @metric}), or null. */
    public record MapView(String name, String type, long keySize, long valueSize, long maxEntries, Sample sample,
                          Metric metric) {
    }

    public record Metric(String name, String help) {
    }

    public record Sample(long intervalMs, String type, String unit) {
    }

    public record Flag(String flag, String shortFlag, String variable, String type, String defaultValue,
                       String description, boolean isSwitch) {
    }

    public record Event(String name, List<Field> fields) {
    }

    public record Field(String name, String type) {
    }
}

package dev.ebpm.ecli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.check.CheckReport;
import dev.ebpm.ecli.check.KernelProbes;
import dev.ebpm.ecli.check.RequirementsCheck;
import dev.ebpm.ecli.registry.RegistryClient;
import dev.ebpm.ecli.resolve.Loaded;
import dev.ebpm.ecli.resolve.LoadedModule;
import dev.ebpm.ecli.resolve.LoadedPackage;
import dev.ebpm.ecli.resolve.PackageResolver;
import dev.ebpm.format.arch.Architectures;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.kernelbtf.KernelBtfArchive;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.object.ObjectFormatException;
import dev.ebpm.format.reference.PackageReference;
import dev.ebpm.format.requirements.KernelRequirements;
import dev.ebpm.format.requirements.RequirementsReader;
import dev.ebpm.format.wasm.WasmModuleInfo;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ecli check REF}: whether a package can run on this kernel, per program and why not, before anything
 * is downloaded (a registry reference is checked from what the hub recorded at publish) or loaded.
 */
final class CheckCommand extends BaseCommand<CommandSettings> {
    CheckCommand(PrintStream out, PrintStream err) {
        super("check", COMMON.plus(OUTPUT).plus(PULL), CommandSettings::new, out, err);
    }

    @Override
    void describe(CommandSpec spec) {
        spec.usageMessage().description("Say whether a package can run on this kernel, and per program why not: "
                + "privileges, BTF, tracepoints and kernel functions, BPF trampolines, and (probed through libbpf, "
                + "as root) the program types, map types and helpers it uses. A registry reference is checked from "
                + "what the hub recorded at publish, without downloading the package; nothing is loaded.",
            "Exit 0 when it can run here, 1 when it cannot.");
        spec.addPositional(PositionalParamSpec.builder().index("0").paramLabel("REF").type(String.class)
            .description("What ecli run takes: NAME[:TAG|@VERSION], a file, a URL or - for standard input.").build());
    }

    @Override
    int run(CommandSettings s, ParseResult parsed) {
        String text = parsed.matchedPositionalValue(0, null);
        PackageReference ref = PackageResolver.reference(text);
        PackageResolver resolver = PackageResolver.fromEnvironment(s.hub.build(), err);
        KernelRequirements needs = null;
        KernelBtfArchive packed = KernelBtfArchive.EMPTY;
        String what = ref.kind() == PackageReference.Kind.REGISTRY ? ref.display() : text;
        if (ref.kind() == PackageReference.Kind.REGISTRY) {
            RegistryClient client = resolver.client(resolver.registryOf(ref));
            JsonNode version = client.getJson("/api/v1/packages/" + ref.name() + "/-/versions/" + ref.reference());
            what = version.path("name").asText(ref.name()) + "@" + version.path("version").asText(ref.reference());
            KernelRequirements recorded = recorded(version);
            if (recorded.arch() != null && recorded.arch().equals(Architectures.running())
                && !version.path("variants").isEmpty()) {
                what += " (its " + recorded.arch() + " build)";
            }
            if (!recorded.programs().isEmpty() || version.path("details").path("programs").isEmpty()) {
                needs = recorded;
            } else {
                err.println("ecli: the hub recorded no per-program requirements for " + what + " (published by an "
                    + "older hub); checking the package itself");
            }
        }
        if (needs == null) {
            Loaded loaded = resolver.load(ref, System.in);
            needs = requirementsOf(loaded);
            packed = loaded instanceof LoadedPackage p ? p.btfs() : KernelBtfArchive.EMPTY;
        }
        CheckReport report = RequirementsCheck.check(needs, packed, KernelProbes.here(), true);
        if (s.output.json()) {
            out.println(Json.canonicalString(json(what, report)));
        } else {
            print(what, report);
        }
        return report.runnable() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /**
     * What the hub recorded: of a version built for several architectures, its build for this machine's; when
     * it has none, the first build's, as built for any of them (which the check then reports).
     */
    private static KernelRequirements recorded(JsonNode version) {
        JsonNode variants = version.path("variants");
        if (!variants.isArray() || variants.isEmpty()) {
            return KernelRequirements.fromJson(version.path("details").path("requires"));
        }
        List<String> arches = new ArrayList<>();
        for (JsonNode v : variants) {
            if (v.path("arch").asText().equals(Architectures.running())) {
                return KernelRequirements.fromJson(v.path("requires"));
            }
            arches.add(v.path("arch").asText());
        }
        return KernelRequirements.fromJson(variants.get(0).path("requires")).withArch(String.join(" or ", arches));
    }

    private static KernelRequirements requirementsOf(Loaded loaded) {
        try {
            if (loaded instanceof LoadedPackage p) {
                return read(BpfObject.parse(p.elf()), p.meta()).withArch(p.arch());
            }
            LoadedModule m = (LoadedModule) loaded;
            WasmModuleInfo info = WasmModuleInfo.read(m.bytes(), m.name());
            byte[] elf = info.bpfObject().orElseThrow(() -> EcliException.failed(m.name() + " embeds no BPF object, "
                + "so there is nothing for the kernel to check"));
            return read(BpfObject.parse(elf), info.meta().orElse(null));
        } catch (ObjectFormatException e) {
            throw EcliException.failed("bad package: " + e.getMessage());
        }
    }

    /** With no meta (a module built elsewhere), every program of the object, from its section. */
    private static KernelRequirements read(BpfObject object, ObjectMeta meta) {
        List<RequirementsReader.Program> programs = meta != null
            ? meta.bpfSkel().progs().stream().map(p -> new RequirementsReader.Program(p.name(), p.attach())).toList()
            : object.programs().stream().map(p -> new RequirementsReader.Program(p.name(), p.section())).toList();
        String objName = meta != null ? meta.bpfSkel().objName() : "obj";
        return RequirementsReader.read(object, programs, object.maps(objName));
    }

    private void print(String what, CheckReport r) {
        out.println(what + " on Linux " + r.kernel() + ": " + (r.runnable() ? "can run here" : "cannot run here")
            + (r.minKernel() == null ? "" : " (it needs mainline " + r.minKernel() + " or a kernel with the same features)"));
        for (String p : r.problems()) {
            out.println("  no    " + p);
        }
        for (CheckReport.Program p : r.programs()) {
            out.printf("  %-5s %s (%s)%s%n", p.runs() ? "ok" : "no", p.name(), p.section(),
                p.runs() ? "" : ": " + String.join("; ", p.problems()));
        }
        for (String n : r.notes()) {
            out.println("  note: " + n);
        }
    }

    private static ObjectNode json(String what, CheckReport r) {
        ObjectNode o = Json.object();
        o.put("package", what);
        o.put("kernel", r.kernel());
        o.put("minKernel", r.minKernel());
        o.put("runnable", r.runnable());
        strings(o, "problems", r.problems());
        ArrayNode programs = o.putArray("programs");
        for (CheckReport.Program p : r.programs()) {
            ObjectNode po = programs.addObject();
            po.put("name", p.name());
            po.put("section", p.section());
            po.put("runs", p.runs());
            strings(po, "problems", p.problems());
        }
        strings(o, "notes", r.notes());
        return o;
    }

    private static void strings(ObjectNode o, String name, List<String> values) {
        ArrayNode a = o.putArray(name);
        values.forEach(a::add);
    }
}

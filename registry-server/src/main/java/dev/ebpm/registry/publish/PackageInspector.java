package dev.ebpm.registry.publish;

import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.flags.ProgramFlag;
import dev.ebpm.format.kernelbtf.KernelBtf;
import dev.ebpm.format.meta.ExportType;
import dev.ebpm.format.meta.MapMeta;
import dev.ebpm.format.meta.MapSample;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.meta.ProgMeta;
import dev.ebpm.format.meta.SampleType;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.object.MapInfo;
import dev.ebpm.format.object.ProgramInfo;
import dev.ebpm.format.object.SectionKind;
import dev.ebpm.format.requirements.RequirementsReader;
import dev.ebpm.registry.catalog.VersionDetails;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a package the way {@code ecli} will before it is accepted: the ELF and its BTF must parse, the
 * meta must fit the object (every program and map it names exists, every flag resolves), and from that
 * comes the {@link VersionDetails} the catalog shows.
 */
public final class PackageInspector {
    private PackageInspector() {
    }

    public static VersionDetails inspect(EbpmPackage pkg) {
        BpfObject object;
        try {
            object = BpfObject.parse(pkg.elf());
        } catch (RuntimeException e) {
            // Any failure to read the ELF or its BTF (bounds, bad offsets) is the package's fault.
            throw new PackageFormatException("the BPF object is not valid: " + e.getMessage());
        }
        try {
            return inspect(pkg.meta(), object, pkg.info().arch(), pkg.btfs().kernels().stream()
                .map(KernelBtf::describe).toList());
        } catch (PackageFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PackageFormatException("the meta does not fit the BPF object: " + e.getMessage());
        }
    }

    private static VersionDetails inspect(ObjectMeta meta, BpfObject object, String arch, List<String> btfKernels) {
        String objName = meta.bpfSkel().objName();
        Map<String, ProgramInfo> programs = object.programs().stream()
            .collect(Collectors.toMap(ProgramInfo::name, Function.identity(), (a, b) -> a));
        Map<String, MapInfo> maps = object.maps(objName).stream()
            .collect(Collectors.toMap(MapInfo::name, Function.identity(), (a, b) -> a));

        List<VersionDetails.Program> progViews = new ArrayList<>();
        for (ProgMeta p : meta.bpfSkel().progs()) {
            if (!programs.containsKey(p.name())) {
                throw new PackageFormatException("meta: bpf_skel.progs lists " + p.name()
                    + ", which the object does not have");
            }
            SectionKind kind = SectionKind.of(p.attach());
            String target = SectionKind.target(p.attach());
            progViews.add(new VersionDetails.Program(p.name(), p.attach(), kind.name().toLowerCase(Locale.ROOT),
                target.isEmpty() ? null : target));
        }

        List<VersionDetails.MapView> mapViews = new ArrayList<>();
        boolean events = false;
        boolean histogram = false;
        for (MapMeta m : meta.bpfSkel().maps()) {
            MapInfo info = maps.get(m.name());
            if (info == null) {
                throw new PackageFormatException("meta: bpf_skel.maps lists " + m.name()
                    + ", which the object does not have");
            }
            if (info.internal()) {
                continue;
            }
            MapSample s = m.sample();
            VersionDetails.Sample sample = s == null ? null
                : new VersionDetails.Sample(s.interval(), s.typeOrDefault().json(), s.unitOrDefault());
            histogram |= s != null && s.typeOrDefault() != SampleType.DEFAULT_KV;
            events |= info.type().isEventStream();
            VersionDetails.Metric metric = dev.ebpm.format.meta.MapMetric.of(m)
                .map(x -> new VersionDetails.Metric(x.name(), x.help())).orElse(null);
            mapViews.add(new VersionDetails.MapView(m.name(), info.type().name().toLowerCase(Locale.ROOT),
                info.keySize(), info.valueSize(), info.maxEntries(), sample, metric));
        }

        List<VersionDetails.Flag> flags = ProgramFlag.allOf(meta, object).stream()
            .map(f -> new VersionDetails.Flag("--" + f.longName(), f.shortName() == null ? null : "-" + f.shortName(),
                f.variable().name(), f.cType(), f.defaultText(), f.description(), f.isSwitch()))
            .toList();
        List<VersionDetails.Event> eventViews = new ArrayList<>();
        for (ExportType t : meta.exportTypes()) {
            eventViews.add(new VersionDetails.Event(t.name(), t.members().stream()
                .map(mem -> new VersionDetails.Field(mem.name(), mem.type())).toList()));
        }
        String output = events ? "events" : histogram ? "histogram"
            : mapViews.stream().anyMatch(m -> m.sample() != null) ? "samples" : "none";
        String summary = meta.bpfSkel().doc() == null ? null : meta.bpfSkel().doc().summary();
        return new VersionDetails(objName, summary, object.license().orElse(null), output, progViews, mapViews, flags,
            eventViews, RequirementsReader.read(object, meta.bpfSkel().progs().stream()
                .map(p -> new RequirementsReader.Program(p.name(), p.attach())).toList(), object.maps(objName))
                .withArch(arch),
            meta.eunomiaVersion(), null, btfKernels);
    }
}

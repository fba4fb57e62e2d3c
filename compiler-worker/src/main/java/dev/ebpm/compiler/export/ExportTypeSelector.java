package dev.ebpm.compiler.export;

import dev.ebpm.compiler.CompileException;
import dev.ebpm.format.btf.Btf;
import dev.ebpm.format.btf.BtfType;
import dev.ebpm.format.meta.ExportType;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.object.MapInfo;
import dev.ebpm.format.object.SkeletonExtractor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the export types of a package: the complete structs of the object's BTF whose names the export
 * header declares, in BTF id order, except that structs used as a map's key or value come last (eunomia's
 * loader decodes events with the first). Without a header, a program that
 * streams events has nothing to decode them with, so that is an error naming the map; a header that
 * declares no struct at all gives no export types, as in eunomia's ecc.
 */
public final class ExportTypeSelector {
    private ExportTypeSelector() {
    }

    public static List<ExportType> select(BpfObject object, String objName, Optional<ExportHeader> header,
                                          String sourceName, String headerName) throws CompileException {
        if (header.isEmpty()) {
            Optional<MapInfo> stream = object.maps(objName).stream().filter(m -> m.type().isEventStream()).findFirst();
            if (stream.isPresent()) {
                MapInfo m = stream.get();
                throw new CompileException("map '" + m.name() + "' is a " + m.type().name().toLowerCase()
                    + " map, but no export header was given to describe its events: pass the header that "
                    + "defines the event struct, e.g. ecc " + sourceName + " " + stemOf(sourceName) + ".h");
            }
            return List.of();
        }
        if (header.get().structNames().isEmpty()) {
            // eunomia's ecc accepts such a header (constants, enums): the package then has no export type.
            return List.of();
        }
        Btf btf = object.btf();
        Set<Integer> mapTypes = new HashSet<>();
        for (MapInfo m : object.maps(objName)) {
            mapTypes.add(btf.resolve(m.keyTypeId()).id());
            mapTypes.add(btf.resolve(m.valueTypeId()).id());
        }
        List<ExportType> events = new ArrayList<>();
        List<ExportType> mapValues = new ArrayList<>();
        for (BtfType t : btf.types()) {
            if (t instanceof BtfType.Composite c && !c.isUnion() && header.get().structNames().contains(c.name())) {
                (mapTypes.contains(c.id()) ? mapValues : events).add(SkeletonExtractor.exportType(btf, c));
            }
        }
        // eunomia's loader decodes ring buffer and perf events with export_types[0]: a struct that is a map's
        // key or value (a setting, a histogram) is less likely to be the event than one no map declares.
        List<ExportType> types = new ArrayList<>(events);
        types.addAll(mapValues);
        if (types.isEmpty()) {
            throw new CompileException("none of the structs of " + headerName + " ("
                + String.join(", ", header.get().structNames()) + ") is in the object: does " + sourceName
                + " #include \"" + headerName + "\"?");
        }
        return types;
    }

    private static String stemOf(String sourceName) {
        int dot = sourceName.indexOf('.');
        return dot > 0 ? sourceName.substring(0, dot) : sourceName;
    }
}

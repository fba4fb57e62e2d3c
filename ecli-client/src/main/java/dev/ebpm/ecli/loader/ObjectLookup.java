package dev.ebpm.ecli.loader;

import com.sun.jna.Pointer;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.libbpf.NativeLibbpf;

/** Finding a libbpf object's programs and maps by name, with an error that names what is missing. */
final class ObjectLookup {
    private ObjectLookup() {
    }

    static Pointer program(Pointer object, String name) {
        Pointer p = NativeLibbpf.bpf_object__find_program_by_name(object, name);
        if (p == null) {
            throw EcliException.failed("program '" + name + "' (listed in the package's progs) is not in the object");
        }
        return p;
    }

    static Pointer map(Pointer object, String name) {
        Pointer m = NativeLibbpf.bpf_object__find_map_by_name(object, name);
        if (m == null) {
            throw EcliException.failed("map '" + name + "' (listed in the package's maps) is not in the object");
        }
        return m;
    }
}

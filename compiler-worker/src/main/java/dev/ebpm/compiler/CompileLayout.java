package dev.ebpm.compiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paths clang is given for one compile: fixed names in the work directory, which is clang's working
 * directory, linking to the sources, the include directories and vmlinux.h wherever they really are.
 *
 * <p>Why: clang-19 lays out an object's forward-declared BTF types in the order their debug-info nodes sit in
 * memory, and that order moves with the lengths of the paths on its command line. A hub worker's directories
 * and a user's temporary one differ, so the same sources gave objects that differ in BTF order, and
 * {@code ecli verify --rebuild} could not reproduce a hub build. Given only these relative names, clang lays
 * out the same sources the same way wherever they, the work directory and the cache are.
 */
final class CompileLayout {
    static final String SOURCES = "src";
    static final String VMLINUX = "vmlinux";
    private static final String INCLUDE = "include-";

    private final Map<String, Path> links;

    private CompileLayout(Map<String, Path> links) {
        this.links = links;
    }

    /** Links, in {@code work}, the names clang sees to the real directories (the sandbox binds the targets). */
    static CompileLayout link(Path work, Path sourceDir, List<Path> includeDirs, Path vmlinuxDir) throws IOException {
        Map<String, Path> links = new LinkedHashMap<>();
        links.put(SOURCES, sourceDir.toAbsolutePath());
        for (int i = 0; i < includeDirs.size(); i++) {
            links.put(INCLUDE + (i + 1), includeDirs.get(i).toAbsolutePath());
        }
        if (vmlinuxDir != null) {
            links.put(VMLINUX, vmlinuxDir.toAbsolutePath());
        }
        for (Map.Entry<String, Path> e : links.entrySet()) {
            Files.createSymbolicLink(work.resolve(e.getKey()), e.getValue());
        }
        return new CompileLayout(links);
    }

    /** The name clang is given for a file of the source directory. */
    String source(String fileName) {
        return SOURCES + "/" + fileName;
    }

    /** The -I flags, in the order of the real directories: the sources, each include directory, vmlinux.h's. */
    List<String> includeFlags() {
        List<String> flags = new ArrayList<>();
        links.keySet().forEach(name -> flags.add("-I" + name));
        return flags;
    }

    /** clang's diagnostics with each linked name replaced by what the user knows: {@code sourcesShown} or the real path. */
    String shown(String stderr, String sourcesShown) {
        Map<String, String> shown = new LinkedHashMap<>();
        links.forEach((name, target) -> shown.put(name, name.equals(SOURCES) ? sourcesShown : target.toString()));
        return Diagnostics.withLinkedPaths(stderr, shown);
    }
}

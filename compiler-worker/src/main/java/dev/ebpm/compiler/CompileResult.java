package dev.ebpm.compiler;

import dev.ebpm.format.Digest;
import dev.ebpm.format.codec.EbpmPackage;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a compile produced: the package, the files written, the ebpm file and its digest, the log, and the
 * tools (name to version) and sandbox settings it was built with, which a hub build attests. A wasm build
 * also has its module ({@code wasmModule}, else null), whose embedded object {@code pkg} describes.
 */
public record CompileResult(EbpmPackage pkg, List<Path> written, Path ebpmFile, Digest ebpmDigest, String log,
                            Map<String, String> tools, Map<String, String> sandbox, Path wasmModule) {
    public CompileResult {
        written = List.copyOf(written);
        tools = Map.copyOf(tools);
        sandbox = Map.copyOf(sandbox);
    }
}

package dev.ebpm.compiler;

import dev.ebpm.format.Digest;
import dev.ebpm.format.codec.EbpmPackage;

import java.nio.file.Path;
import java.util.List;

/** What a compile produced: the package, the files written, the ebpm file and its digest, and the log. */
public record CompileResult(EbpmPackage pkg, List<Path> written, Path ebpmFile, Digest ebpmDigest, String log) {
    public CompileResult {
        written = List.copyOf(written);
    }
}

package dev.ebpm.compiler.toolchain;

import java.nio.file.Path;
import java.util.List;

/** Where a tool runs: the command line that runs {@code command} in {@code workDir}, perhaps inside a jail. */
@FunctionalInterface
public interface Sandbox {
    Sandbox NONE = (command, workDir) -> command;

    List<String> wrap(List<String> command, Path workDir);
}

package dev.ebpm.compiler.worker;

import dev.ebpm.compiler.toolchain.SandboxLimits;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a worker runs: the registry and its worker token, its name in build logs, where builds are unpacked,
 * how long to wait when no build is queued, the sandbox limits, and whether to stop after one build.
 */
public record WorkerSettings(URI registry, String token, String name, Path workDir, Duration idlePoll,
                             SandboxLimits limits, Duration toolTimeout, boolean sandbox, boolean once) {
}

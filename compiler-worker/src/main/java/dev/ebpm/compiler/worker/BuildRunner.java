package dev.ebpm.compiler.worker;

import dev.ebpm.compiler.BpfCompiler;
import dev.ebpm.compiler.BuildLog;
import dev.ebpm.compiler.CompileException;
import dev.ebpm.compiler.CompileRequest;
import dev.ebpm.compiler.CompileResult;
import dev.ebpm.compiler.toolchain.Toolchain;
import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.files.Directories;
import dev.ebpm.format.object.ObjectNames;
import dev.ebpm.format.provenance.BuildEnvironment;
import dev.ebpm.format.sourcearchive.SourceArchive;
import dev.ebpm.format.wasm.WasmFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One leased build: fetch the sources and check them against the digest the lease names, unpack them
 * into a fresh directory, compile (sandboxed) as the name and version asked for, and report the package
 * or the log. The directory is removed afterwards.
 */
final class BuildRunner {
    private final RegistryClient client;
    private final BpfCompiler.Factory compilers;
    private final Path workDir;
    private final Consumer<String> log;
    private final String workerName;

    BuildRunner(RegistryClient client, BpfCompiler.Factory compilers, Path workDir, String workerName,
                Consumer<String> log) {
        this.workerName = workerName;
        this.client = client;
        this.compilers = compilers;
        this.workDir = workDir;
        this.log = log;
    }

    /** Runs the build; false when the lease was lost on the way (another worker has the build now). */
    boolean run(Lease lease) throws WorkerException {
        log.accept("build " + lease.build() + ": " + lease.name() + "@" + lease.version() + " (attempt "
            + lease.attempt() + ")");
        Path dir = workDir.resolve("builds").resolve(lease.build() + "-" + lease.attempt());
        Thread worker = Thread.currentThread();
        try (Heartbeat heartbeat = new Heartbeat(client, lease, log, worker::interrupt)) {
            try {
                String outcome = build(lease, dir);
                if (heartbeat.lost()) {
                    return false;
                }
                log.accept("build " + lease.build() + ": " + outcome);
                return true;
            } catch (WorkerException e) {
                if (heartbeat.lost() || e.leaseLost()) {
                    return false;
                }
                throw e;
            }
        } finally {
            Thread.interrupted();
            Directories.deleteQuietly(dir);
        }
    }

    private String build(Lease lease, Path dir) throws WorkerException {
        byte[] archive = client.sources(lease);
        if (!lease.sourceDigest().matches(archive)) {
            client.failure(lease, "the sources the registry sent are not " + lease.sourceDigest() + "\n");
            return "failed: the sources do not match their digest";
        }
        SourceArchive sources;
        Path src = dir.resolve("src");
        try {
            sources = SourceArchive.read(archive, SourceArchive.DEFAULT_MAX_FILES, SourceArchive.DEFAULT_MAX_UNPACKED);
            Files.createDirectories(src);
            sources.extractTo(src);
            Files.createDirectories(dir.resolve("out"));
        } catch (PackageFormatException e) {
            client.failure(lease, e.getMessage() + "\n");
            return "failed: " + e.getMessage();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the sources into " + dir, e);
        }
        Path program = src.resolve(sources.program());
        String stem = ObjectNames.sourceStem(program.getFileName().toString());
        Path header = program.resolveSibling(stem + ".h");
        CompileRequest request = new CompileRequest(program, Files.isRegularFile(header) ? header : null,
            dir.resolve("out"), List.of(), List.of(), null, new CompileRequest.PackageOptions(lease.name(),
            lease.version(), null, null, List.of(), null), false, Toolchain.Overrides.NONE,
            sources.wasmSource().map(src::resolve).orElse(null));
        BuildLog buildLog = new BuildLog(null, true);
        buildLog.info("sources " + lease.sourceDigest() + ": " + String.join(", ", sources.sizes().keySet()));
        try {
            CompileResult result = compilers.create(buildLog).compile(request);
            client.log(lease, 1, buildLog.text());
            BuildEnvironment env = new BuildEnvironment(workerName, result.tools(), result.sandbox());
            if (result.wasmModule() != null) {
                // A wasm-bpf tool is published as its module, which carries its object and the object's meta.
                byte[] module = Files.readAllBytes(result.wasmModule());
                client.success(lease, module, WasmFormat.MEDIA_TYPE, env);
                return "published wasm module " + lease.name() + "@" + lease.version() + " (" + Digest.sha256(module)
                    + ")";
            }
            client.success(lease, Files.readAllBytes(result.ebpmFile()), RegistryClient.PACKAGE_TYPE, env);
            return "published " + lease.name() + "@" + lease.version() + " (" + result.ebpmDigest() + ")";
        } catch (CompileException e) {
            StringBuilder text = new StringBuilder(buildLog.text()).append("error: ").append(e.getMessage())
                .append('\n');
            if (e.details() != null && !e.details().isBlank()) {
                text.append(e.details());
            }
            client.failure(lease, text.toString());
            return "failed: " + e.getMessage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

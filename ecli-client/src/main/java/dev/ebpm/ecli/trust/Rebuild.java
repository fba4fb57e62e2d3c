package dev.ebpm.ecli.trust;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.registry.RegistryClient;
import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.files.Directories;
import dev.ebpm.format.object.ObjectNames;
import dev.ebpm.format.provenance.BuildEnvironment;
import dev.ebpm.format.provenance.BuildProvenance;
import dev.ebpm.format.sourcearchive.SourceArchive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Checks a hub build's provenance by doing it again: fetches the sources the provenance names (checked
 * against its digest and unpacked with the same limits the workers use), compiles them with the local
 * {@code ecc}, and compares the object with the one the hub attested and the package holds.
 */
public final class Rebuild {
    /**
     * The outcome: the object compiled here, whether it is the one published, and how the tools here differ
     * from those the hub attests (a different vmlinux.h or clang explains a mismatch; none points at the object).
     */
    public record Result(Digest rebuilt, Digest attested, Digest published, List<String> toolDifferences) {
        public Result {
            toolDifferences = List.copyOf(toolDifferences);
        }

        public boolean reproduced() {
            return rebuilt.equals(attested) && rebuilt.equals(published);
        }
    }

    private Rebuild() {
    }

    public static Result run(RegistryClient client, BuildProvenance p, byte[] publishedElf) {
        byte[] archive = client.getBytes("/api/v1/builds/" + p.buildId() + "/sources", SourceArchive.DEFAULT_MAX_UNPACKED);
        if (!p.sourceDigest().matches(archive)) {
            throw new EcliException(ExitCodes.INTEGRITY, "the registry served sources for build " + p.buildId()
                + " that are not " + p.sourceDigest() + ", the digest its provenance names");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("ecli-rebuild");
        } catch (IOException e) {
            throw EcliException.failed("cannot make a directory to rebuild in: " + e.getMessage());
        }
        try {
            SourceArchive sources = SourceArchive.read(archive, SourceArchive.DEFAULT_MAX_FILES,
                SourceArchive.DEFAULT_MAX_UNPACKED);
            Path src = dir.resolve("src");
            Files.createDirectories(src);
            sources.extractTo(src);
            Path program = src.resolve(sources.program());
            Path header = program.resolveSibling(ObjectNames.sourceStem(program.getFileName().toString()) + ".h");
            // ecc writes next to the source; only the object is compared, so no name or version is given. No
            // precompiled header, as in the hub's sandbox: with one, clang orders the BTF types differently.
            Path environment = dir.resolve("environment.json");
            List<String> cmd = new ArrayList<>(List.of(ecc().toString(), "--no-pch", "--environment",
                environment.toString(), program.toString()));
            if (Files.isRegularFile(header)) {
                cmd.add(header.toString());
            }
            compile(cmd, dir.resolve("ecc.log"));
            // ecc writes <stem>.bpf.o next to the source (over any file of that name the archive held).
            Path object = program.resolveSibling(ObjectNames.sourceStem(program.getFileName().toString()) + ".bpf.o");
            if (!Files.isRegularFile(object)) {
                throw EcliException.failed("ecc wrote no object " + object.getFileName());
            }
            Map<String, String> here = Files.isRegularFile(environment)
                ? BuildEnvironment.parse(Files.readAllBytes(environment)).tools() : Map.of();
            return new Result(Digest.sha256(Files.readAllBytes(object)), p.objectDigest(), Digest.sha256(publishedElf),
                differences(p.environment().tools(), here));
        } catch (PackageFormatException e) {
            throw EcliException.failed("the sources of build " + p.buildId() + " are not a valid source archive: "
                + e.getMessage());
        } catch (IOException e) {
            throw EcliException.failed("rebuilding failed: " + e.getMessage());
        } finally {
            Directories.deleteQuietly(dir);
        }
    }

    /** Each tool the hub names whose value here is another, as "clang 19.1.7 there, 16.0.6 here". */
    static List<String> differences(Map<String, String> hub, Map<String, String> here) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(hub).entrySet()) {
            String local = here.get(e.getKey());
            if (!e.getValue().equals(local)) {
                out.add(e.getKey() + " " + e.getValue() + " there, " + (local == null ? "none" : local) + " here");
            }
        }
        return out;
    }

    private static void compile(List<String> cmd, Path log) {
        try {
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!proc.waitFor(10, TimeUnit.MINUTES)) {
                proc.destroyForcibly();
                throw EcliException.failed("ecc did not finish within 10 minutes");
            }
            if (proc.exitValue() != 0) {
                String out = Files.readString(log, StandardCharsets.UTF_8).strip();
                throw EcliException.failed("ecc could not rebuild the sources (exit " + proc.exitValue() + "): "
                    + out.substring(Math.max(0, out.length() - 400)).replace('\n', ' '));
            }
        } catch (IOException e) {
            throw EcliException.failed("cannot run " + cmd.get(0) + ": " + e.getMessage()
                + " (set ECLI_ECC to ecc's path)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EcliException.failed("interrupted while rebuilding");
        }
    }

    /** {@code ECLI_ECC}, else the ecc next to this ecli ({@code bin/ecc}), else {@code ecc} on the PATH. */
    private static Path ecc() {
        String env = System.getenv("ECLI_ECC");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String home = System.getProperty("ecli.home");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "ecc"))) {
            return Path.of(home, "bin", "ecc");
        }
        return Path.of("ecc");
    }
}

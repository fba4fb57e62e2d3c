package dev.ebpm.compiler.btfgen;

import dev.ebpm.compiler.CompileException;
import dev.ebpm.compiler.toolchain.CommandResult;
import dev.ebpm.compiler.toolchain.CommandRunner;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.arch.Architectures;
import dev.ebpm.format.kernelbtf.KernelBtf;
import dev.ebpm.format.kernelbtf.KernelBtfArchive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Packs, for every kernel BTF file under a directory, the part of it the object needs: {@code bpftool gen
 * min_core_btf KERNEL.btf OUT.btf OBJECT}. The directory is BTFHub's layout ({@code ID/VERSION_ID/ARCH/RELEASE.btf},
 * or {@code .btf.tar.xz} as the BTFHub archive ships them, unpacked with {@code tar}), or plain files named
 * by kernel release ({@code RELEASE.btf}), which are taken as this machine's architecture of an unnamed
 * distribution ({@code any/any}).
 */
public final class BtfGen {
    private static final String PLAIN = ".btf";
    private static final String PACKED = ".btf.tar.xz";

    private final CommandRunner runner;
    private final Path bpftool;
    private final String hostArch;

    public BtfGen(CommandRunner runner, Path bpftool, String machine) {
        this.runner = runner;
        this.bpftool = bpftool;
        this.hostArch = Architectures.of(machine);
    }

    /** A kernel BTF file found under the directory, and the kernel it is for. */
    record Input(Path file, String distro, String distroVersion, String arch, String release) {
    }

    public KernelBtfArchive pack(Path dir, Path object, Path work) throws CompileException {
        List<Input> inputs = inputs(dir);
        if (inputs.isEmpty()) {
            throw new CompileException("--btfgen " + dir + ": no kernel BTF files there (RELEASE.btf, or BTFHub's "
                + "ID/VERSION_ID/ARCH/RELEASE.btf[.tar.xz])");
        }
        List<KernelBtf> out = new ArrayList<>();
        try {
            Path tmp = Files.createDirectories(work.resolve("btfgen"));
            int n = 0;
            for (Input in : inputs) {
                Path kernel = in.file;
                if (kernel.getFileName().toString().endsWith(PACKED)) {
                    Path unpacked = Files.createDirectories(tmp.resolve("x" + n));
                    CommandResult r = runner.run(List.of("tar", "-xJf", kernel.toString(), "-C", unpacked.toString()),
                        null);
                    if (!r.ok()) {
                        throw new CompileException("--btfgen: cannot unpack " + kernel + " (tar exit " + r.exitCode()
                            + ")", r.stderr());
                    }
                    kernel = unpacked.resolve(in.release + PLAIN);
                    if (!Files.isRegularFile(kernel)) {
                        throw new CompileException("--btfgen: " + in.file + " holds no " + in.release + PLAIN);
                    }
                }
                Path min = tmp.resolve("min" + n++ + PLAIN);
                CommandResult r = runner.run(List.of(bpftool.toString(), "gen", "min_core_btf", kernel.toString(),
                    min.toString(), object.toString()), null);
                if (!r.ok()) {
                    throw new CompileException("--btfgen: bpftool gen min_core_btf failed for " + in.file + " (exit "
                        + r.exitCode() + ")", r.stderr());
                }
                out.add(new KernelBtf(in.distro, in.distroVersion, in.arch, in.release, Files.readAllBytes(min)));
            }
            return new KernelBtfArchive(out);
        } catch (PackageFormatException e) {
            throw new CompileException("--btfgen: " + e.getMessage());
        } catch (IOException e) {
            throw new CompileException("--btfgen: " + e.getMessage());
        }
    }

    List<Input> inputs(Path dir) throws CompileException {
        if (!Files.isDirectory(dir)) {
            throw new CompileException("--btfgen " + dir + ": not a directory");
        }
        List<Input> out = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir, 5)) {
            for (Path f : all.filter(Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                String release = name.endsWith(PACKED) ? name.substring(0, name.length() - PACKED.length())
                    : name.endsWith(PLAIN) ? name.substring(0, name.length() - PLAIN.length()) : null;
                if (release == null) {
                    continue;
                }
                Path rel = dir.relativize(f);
                out.add(rel.getNameCount() >= 4
                    ? new Input(f, rel.getName(rel.getNameCount() - 4).toString(),
                        rel.getName(rel.getNameCount() - 3).toString(), rel.getName(rel.getNameCount() - 2).toString(),
                        release)
                    : new Input(f, KernelBtf.ANY, KernelBtf.ANY, hostArch, release));
                if (out.size() > KernelBtfArchive.MAX_KERNELS) {
                    throw new CompileException("--btfgen " + dir + ": more than " + KernelBtfArchive.MAX_KERNELS
                        + " kernels");
                }
            }
        } catch (IOException e) {
            throw new CompileException("--btfgen " + dir + ": " + e.getMessage());
        }
        return out;
    }
}

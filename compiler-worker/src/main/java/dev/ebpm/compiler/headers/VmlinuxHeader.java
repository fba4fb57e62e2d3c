package dev.ebpm.compiler.headers;

import dev.ebpm.compiler.BuildLog;
import dev.ebpm.compiler.CompileException;
import dev.ebpm.compiler.toolchain.CommandResult;
import dev.ebpm.compiler.toolchain.CommandRunner;
import dev.ebpm.compiler.toolchain.Toolchain;
import dev.ebpm.format.Digest;
import dev.ebpm.format.files.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The {@code vmlinux.h} a compile sees. Generated with {@code bpftool btf dump file … format c} from the
 * running kernel's BTF (or from a BTF file given with {@code --vmlinux}) and cached by the BTF's digest, so
 * it is generated once per kernel.
 */
public record VmlinuxHeader(Path file, boolean generated) {
    public static final String NAME = "vmlinux.h";
    public static final Path KERNEL_BTF = Path.of("/sys/kernel/btf/vmlinux");
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    /** The header to put on the include path, or empty when there is no BTF to make one from. */
    public static Optional<VmlinuxHeader> provide(Path userFile, Toolchain toolchain, CommandRunner runner,
                                                  BuildCache cache, BuildLog log) throws CompileException {
        if (userFile != null) {
            if (!Files.isRegularFile(userFile)) {
                throw new CompileException("--vmlinux " + userFile + ": no such file");
            }
            byte[] head = readHead(userFile);
            if (isBtfOrElf(head)) {
                return Optional.of(generate(userFile, toolchain, runner, cache, log));
            }
            return Optional.of(copy(userFile, cache));
        }
        if (!Files.isReadable(KERNEL_BTF)) {
            log.detail("no kernel BTF at " + KERNEL_BTF + "; vmlinux.h is not provided");
            return Optional.empty();
        }
        return Optional.of(generate(KERNEL_BTF, toolchain, runner, cache, log));
    }

    private static VmlinuxHeader generate(Path btf, Toolchain toolchain, CommandRunner runner, BuildCache cache,
                                          BuildLog log) throws CompileException {
        try {
            // The header is bpftool's rendering of the BTF: another bpftool may render it differently.
            Path header = cache.entry("vmlinux", keyOf(btf, cache) + "-" + toolKey(toolchain.requireBpftool()))
                .resolve(NAME);
            if (Files.isRegularFile(header)) {
                return new VmlinuxHeader(header, true);
            }
            log.info("generating vmlinux.h from " + btf + " (once per kernel BTF)");
            CommandResult r = runner.run(List.of(toolchain.requireBpftool().toString(), "btf", "dump", "file",
                btf.toString(), "format", "c"), null);
            if (!r.ok()) {
                throw new CompileException("bpftool could not dump " + btf + " as C (exit " + r.exitCode() + ")",
                    r.stderr());
            }
            AtomicFiles.write(header, r.stdout());
            return new VmlinuxHeader(header, true);
        } catch (IOException e) {
            throw new CompileException("cannot prepare vmlinux.h from " + btf + ": " + e.getMessage());
        }
    }

    /**
     * The content key of a BTF file. The running kernel's BTF cannot change until the next boot, so its key
     * is remembered per boot id and the 5 MB are read once per boot rather than on every compile.
     */
    private static String keyOf(Path btf, BuildCache cache) throws IOException {
        if (!btf.equals(KERNEL_BTF) || !Files.isReadable(BOOT_ID)) {
            return contentKey(Files.readAllBytes(btf));
        }
        Path remembered = cache.entry("vmlinux", "boot-" + Files.readString(BOOT_ID).strip()).resolve("key");
        if (Files.isRegularFile(remembered)) {
            return Files.readString(remembered).strip();
        }
        String key = contentKey(Files.readAllBytes(btf));
        AtomicFiles.write(remembered, key.getBytes(StandardCharsets.UTF_8));
        return key;
    }

    /** A short key of the bpftool binary (its path, size and modification time). */
    private static String toolKey(Path bpftool) throws IOException {
        Path real = bpftool.toRealPath();
        String identity = real + "\n" + Files.size(real) + "\n" + Files.getLastModifiedTime(real).toMillis();
        return Digest.sha256(identity.getBytes(StandardCharsets.UTF_8)).hex().substring(0, 12);
    }

    /**
     * The cache key of a BTF blob: its length and CRC-32C, which is plenty to tell apart the kernels one
     * machine sees, and cheap on 5 MB.
     */
    static String contentKey(byte[] content) {
        CRC32C crc = new CRC32C();
        crc.update(content);
        return "btf-" + content.length + "-" + Long.toHexString(crc.getValue());
    }

    /** A header given by the user is copied into the cache as {@code vmlinux.h}, whatever its name. */
    private static VmlinuxHeader copy(Path userFile, BuildCache cache) throws CompileException {
        try {
            byte[] content = Files.readAllBytes(userFile);
            Path header = cache.entry("vmlinux", Digest.sha256(content).hex()).resolve(NAME);
            if (!Files.isRegularFile(header)) {
                AtomicFiles.write(header, content);
            }
            return new VmlinuxHeader(header, false);
        } catch (IOException e) {
            throw new CompileException("cannot read --vmlinux " + userFile + ": " + e.getMessage());
        }
    }

    private static byte[] readHead(Path file) throws CompileException {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(4);
        } catch (IOException e) {
            throw new CompileException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Raw BTF starts with 0xeB9F (little-endian); an ELF file (a kernel image or object) with \x7fELF. */
    private static boolean isBtfOrElf(byte[] head) {
        boolean btf = head.length >= 2 && (head[0] & 0xff) == 0x9f && (head[1] & 0xff) == 0xeb;
        boolean elf = head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
        return btf || elf;
    }

    public Path directory() {
        return file.getParent();
    }
}

package dev.ebpm.format.kernelbtf;

import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.arch.Architectures;
import dev.ebpm.format.io.Tars;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel BTF a package carries, as one tar of {@code btfhub-archive/ID/VERSION_ID/ARCH/RELEASE.btf}
 * files: sorted and deterministic when written, bounded and checked when read (paths of that shape only,
 * raw BTF only, at most {@value #MAX_KERNELS} kernels and {@value #MAX_BYTES} bytes in all).
 */
public record KernelBtfArchive(List<KernelBtf> kernels) {
    public static final KernelBtfArchive EMPTY = new KernelBtfArchive(List.of());
    public static final int MAX_KERNELS = 2000;
    public static final int MAX_BYTES = 64 << 20;

    public KernelBtfArchive {
        List<KernelBtf> sorted = new ArrayList<>(kernels);
        sorted.sort(Comparator.comparing(KernelBtf::path));
        if (sorted.size() > MAX_KERNELS) {
            throw new PackageFormatException("kernel BTF: " + sorted.size() + " kernels, over the limit of "
                + MAX_KERNELS);
        }
        long bytes = 0;
        for (int i = 0; i < sorted.size(); i++) {
            bytes += sorted.get(i).btf().length;
            if (i > 0 && sorted.get(i).path().equals(sorted.get(i - 1).path())) {
                throw new PackageFormatException("kernel BTF: " + sorted.get(i).path() + " is there twice");
            }
        }
        if (bytes > MAX_BYTES) {
            throw new PackageFormatException("kernel BTF: " + bytes + " bytes in all, over the " + MAX_BYTES
                + "-byte limit");
        }
        kernels = List.copyOf(sorted);
    }

    public boolean isEmpty() {
        return kernels.isEmpty();
    }

    public byte[] toTar() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        kernels.forEach(k -> entries.put(k.path(), k.btf()));
        return Tars.write(entries);
    }

    /** The entries of a tar that are kernel BTF ({@code ./} in front allowed); other entries are the caller's. */
    public static boolean isEntry(String name) {
        return strip(name).startsWith(KernelBtf.ROOT + "/");
    }

    /** A kernel BTF file of an archive or of eunomia's btfgen tar, from its path in the tar. */
    public static KernelBtf entry(String name, byte[] content) {
        String[] parts = strip(name).split("/", -1);
        if (parts.length != 5 || !parts[0].equals(KernelBtf.ROOT) || !parts[4].endsWith(".btf")) {
            throw new PackageFormatException("kernel BTF: \"" + name + "\" is not " + KernelBtf.ROOT
                + "/ID/VERSION_ID/ARCH/RELEASE.btf");
        }
        return new KernelBtf(parts[1], parts[2], parts[3], parts[4].substring(0, parts[4].length() - 4), content);
    }

    private static String strip(String name) {
        return name.startsWith("./") ? name.substring(2) : name;
    }

    /** Reads the archive tar of an ebpm package. */
    public static KernelBtfArchive read(byte[] tar) {
        List<KernelBtf> kernels = new ArrayList<>();
        long total = 0;
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                if (!e.isFile() || !e.isCheckSumOK()) {
                    throw new PackageFormatException("kernel BTF: \"" + e.getName() + "\" is not a plain file, or "
                        + "its tar header is damaged");
                }
                total += e.getSize();
                if (total > MAX_BYTES || kernels.size() >= MAX_KERNELS) {
                    throw new PackageFormatException("kernel BTF: over the limit of " + MAX_KERNELS + " kernels or "
                        + MAX_BYTES + " bytes");
                }
                byte[] content = in.readNBytes((int) e.getSize());
                if (content.length != e.getSize()) {
                    throw new PackageFormatException("kernel BTF: the archive is truncated");
                }
                kernels.add(entry(e.getName(), content));
            }
        } catch (IOException | IllegalArgumentException ex) {
            throw new PackageFormatException("kernel BTF: not a valid tar archive (" + ex.getMessage() + ")");
        }
        return new KernelBtfArchive(kernels);
    }

    /**
     * The BTF of the running kernel: its release and architecture must match; of several (one release in two
     * distributions' archives), the one of this distribution ({@code osId}, {@code osVersion}; null: any).
     */
    public Optional<KernelBtf> pick(String release, String machine, String osId, String osVersion) {
        String arch = Architectures.of(machine);
        List<KernelBtf> same = kernels.stream().filter(k -> k.release().equals(release) && k.arch().equals(arch))
            .toList();
        return same.stream().filter(k -> k.distro().equals(osId) && k.distroVersion().equals(osVersion)).findFirst()
            .or(() -> same.stream().findFirst());
    }

    /** The kernels, for messages: {@code 5.4.0-42-generic (ubuntu 20.04, x86_64), ...}. */
    public String describe() {
        List<String> all = kernels.stream().map(KernelBtf::describe).toList();
        return all.size() <= 8 ? String.join(", ", all)
            : String.join(", ", all.subList(0, 8)) + " and " + (all.size() - 8) + " more";
    }
}

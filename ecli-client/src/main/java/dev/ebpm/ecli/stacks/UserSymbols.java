package dev.ebpm.ecli.stacks;

import dev.ebpm.format.elf.ElfFile;
import dev.ebpm.format.elf.ElfSection;
import dev.ebpm.format.elf.ElfSymbol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names user-space addresses of live processes: {@code /proc/PID/maps} says which file is mapped at an
 * address and from which offset, the file's section headers turn the offset into the address its symbol
 * table uses, and the function symbol around it names it. Files are read through {@code /proc/PID/root}
 * (a process in a container sees its own), at most {@link #MAX_FILE} bytes, each parsed once while it stays
 * among the {@link #FILES} most recently used (by device and inode, so processes share them); the maps of
 * processes are read again for each sample ({@link #forgetProcesses}). What cannot be named (a stripped
 * binary, JIT code, a process that ended) prints as an address with its file.
 */
public final class UserSymbols {
    static final long MAX_FILE = 512L << 20;
    static final int FILES = 64;
    private final Path proc;
    private final Map<Integer, List<Mapping>> maps = new HashMap<>();
    private final Map<String, Optional<Symbols>> files = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<Symbols>> eldest) {
            return size() > FILES;
        }
    };

    public UserSymbols(Path proc) {
        this.proc = proc;
    }

    /** One line of /proc/PID/maps with a file behind it: its device and inode say which file. */
    record Mapping(long start, long end, long offset, String file, String path) {
    }

    /** Processes come and go and map new files: their maps are read again after this. */
    public void forgetProcesses() {
        maps.clear();
    }

    /** A file's function symbols by address, and its sections for offset-to-address. */
    private record Symbols(List<ElfSection> sections, List<ElfSymbol> functions) {
    }

    /** {@code name+0xoff (file)}, {@code (file+0xoff)} when the file has no symbol there, or null. */
    public String name(int pid, long ip) {
        Mapping m = mappings(pid).stream().filter(x -> Long.compareUnsigned(ip, x.start) >= 0
            && Long.compareUnsigned(ip, x.end) < 0).findFirst().orElse(null);
        if (m == null) {
            return null;
        }
        long fileOffset = ip - m.start + m.offset;
        String file = Path.of(m.path).getFileName().toString();
        Symbols s = files.computeIfAbsent(m.file, k -> Optional.ofNullable(read(pid, m.path))).orElse(null);
        if (s != null) {
            for (ElfSection sec : s.sections) {
                if (sec.isExecutable() && fileOffset >= sec.offset() && fileOffset < sec.offset() + sec.size()) {
                    long vaddr = fileOffset - sec.offset() + sec.address();
                    ElfSymbol f = function(s.functions, vaddr);
                    if (f != null) {
                        return f.name() + "+0x" + Long.toHexString(vaddr - f.value()) + " (" + file + ")";
                    }
                }
            }
        }
        return "(" + file + "+0x" + Long.toHexString(fileOffset) + ")";
    }

    private static ElfSymbol function(List<ElfSymbol> sorted, long vaddr) {
        int lo = 0;
        int hi = sorted.size() - 1;
        ElfSymbol best = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            ElfSymbol s = sorted.get(mid);
            if (Long.compareUnsigned(s.value(), vaddr) <= 0) {
                best = s;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best != null && (best.size() == 0 || vaddr < best.value() + best.size()) ? best : null;
    }

    private List<Mapping> mappings(int pid) {
        return maps.computeIfAbsent(pid, p -> {
            List<Mapping> out = new ArrayList<>();
            try {
                for (String line : Files.readAllLines(proc.resolve(p + "/maps"))) {
                    // start-end perms offset dev inode path
                    String[] w = line.trim().split("\\s+", 6);
                    if (w.length < 6 || !w[5].startsWith("/") || w[1].indexOf('x') < 0) {
                        continue;
                    }
                    int dash = w[0].indexOf('-');
                    out.add(new Mapping(Long.parseUnsignedLong(w[0].substring(0, dash), 16),
                        Long.parseUnsignedLong(w[0].substring(dash + 1), 16), Long.parseUnsignedLong(w[2], 16),
                        w[3] + ":" + w[4], w[5]));
                }
            } catch (IOException | RuntimeException e) {
                // The process ended, or is not ours to read: its frames print as addresses.
            }
            return out;
        });
    }

    private Symbols read(int pid, String path) {
        try {
            Path file = proc.resolve(pid + "/root" + path);
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE) {
                return null;
            }
            ElfFile elf = ElfFile.parse(Files.readAllBytes(file));
            List<ElfSymbol> functions = new ArrayList<>(elf.symbols().stream()
                .filter(s -> s.isFunction() && s.value() != 0).toList());
            functions.sort(Comparator.comparingLong(ElfSymbol::value));
            return new Symbols(elf.sections(), functions);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

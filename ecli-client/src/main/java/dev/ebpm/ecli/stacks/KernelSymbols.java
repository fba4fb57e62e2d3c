package dev.ebpm.ecli.stacks;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The kernel's function symbols from {@code /proc/kallsyms}, sorted by address. Without root the kernel shows
 * every address as 0; then nothing is named and frames print as addresses.
 */
public final class KernelSymbols {
    private final long[] addresses;
    private final String[] names;

    private KernelSymbols(long[] addresses, String[] names) {
        this.addresses = addresses;
        this.names = names;
    }

    public static KernelSymbols load(Path kallsyms) {
        int n = 0;
        long[] addrs = new long[1 << 16];
        String[] names = new String[1 << 16];
        try (BufferedReader r = Files.newBufferedReader(kallsyms, StandardCharsets.ISO_8859_1)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                // "ffffffff81000000 T _stext" or "ffffffffc0a01000 t name\t[module]"
                int s1 = line.indexOf(' ');
                int s2 = s1 < 0 ? -1 : line.indexOf(' ', s1 + 1);
                if (s2 != s1 + 2) {
                    continue;
                }
                char type = line.charAt(s1 + 1);
                if (type != 't' && type != 'T' && type != 'w' && type != 'W') {
                    continue;
                }
                long addr = Long.parseUnsignedLong(line.substring(0, s1), 16);
                if (addr == 0) {
                    continue;
                }
                int tab = line.indexOf('\t', s2);
                String name = tab < 0 ? line.substring(s2 + 1) : line.substring(s2 + 1, tab) + " " + line.substring(tab + 1);
                if (n == addrs.length) {
                    addrs = Arrays.copyOf(addrs, n * 2);
                    names = Arrays.copyOf(names, n * 2);
                }
                addrs[n] = addr;
                names[n] = name;
                n++;
            }
        } catch (IOException | RuntimeException e) {
            n = 0;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        long[] a = addrs;
        Arrays.sort(order, (x, y) -> Long.compareUnsigned(a[x], a[y]));
        long[] sortedAddrs = new long[n];
        String[] sortedNames = new String[n];
        for (int i = 0; i < n; i++) {
            sortedAddrs[i] = addrs[order[i]];
            sortedNames[i] = names[order[i]];
        }
        return new KernelSymbols(sortedAddrs, sortedNames);
    }

    public boolean isEmpty() {
        return addresses.length == 0;
    }

    /** {@code name+0xoffset} for an address, or null when no symbol precedes it. */
    public String name(long ip) {
        int lo = 0;
        int hi = addresses.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(addresses[mid], ip) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? null : names[found] + "+0x" + Long.toHexString(ip - addresses[found]);
    }
}

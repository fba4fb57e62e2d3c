package dev.ebpm.format.requirements;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The kernel's BPF helper functions by number, with the release that added each (helpers.txt). */
public final class Helpers {
    /** A helper: its number, its name without {@code bpf_}, the mainline release that added it. */
    public record Helper(int id, String name, KernelVersion since) {
    }

    private static final Map<Integer, Helper> BY_ID = load();
    private static final Map<String, Helper> BY_NAME = BY_ID.values().stream()
        .collect(java.util.stream.Collectors.toUnmodifiableMap(Helper::name, h -> h));

    private Helpers() {
    }

    public static Optional<Helper> byId(int id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    public static Optional<Helper> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The highest number known here; calls past it are helpers newer than this table. */
    public static int known() {
        return BY_ID.size();
    }

    private static Map<Integer, Helper> load() {
        Map<Integer, Helper> out = new HashMap<>();
        try (InputStream in = Helpers.class.getResourceAsStream("helpers.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] w = line.trim().split(" ");
                int id = Integer.parseInt(w[0]);
                out.put(id, new Helper(id, w[1], KernelVersion.parse(w[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(out);
    }
}

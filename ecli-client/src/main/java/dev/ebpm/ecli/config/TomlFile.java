package dev.ebpm.ecli.config;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.format.files.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small part of TOML ecli's files use: {@code key = "string"} lines, optionally under
 * {@code [table."quoted key"]} headers, and {@code #} comments. Keys are read as {@code table.key}; anything
 * else is an error naming the line.
 */
final class TomlFile {
    private TomlFile() {
    }

    static Map<String, String> read(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        String table = "";
        int n = 0;
        try {
            for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("[") && line.endsWith("]")) {
                    table = line.substring(1, line.length() - 1).strip() + ".";
                    continue;
                }
                int eq = line.indexOf('=');
                String value = eq < 0 ? "" : line.substring(eq + 1).strip();
                if (eq <= 0 || value.length() < 2 || !value.startsWith("\"") || !value.endsWith("\"")) {
                    throw EcliException.failed(file + ":" + n + ": expected key = \"value\"");
                }
                values.put(table + line.substring(0, eq).strip(), unescape(value.substring(1, value.length() - 1)));
            }
        } catch (IOException e) {
            throw EcliException.failed("cannot read " + file + ": " + e.getMessage());
        }
        return values;
    }

    /** Writes atomically; {@code secret} files are created readable by their owner only. */
    static void write(Path file, String text, boolean secret) {
        try {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (secret) {
                AtomicFiles.writePrivate(file, bytes);
            } else {
                AtomicFiles.write(file, bytes);
            }
        } catch (IOException e) {
            throw EcliException.failed("cannot write " + file + ": " + e.getMessage());
        }
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String unescape(String s) {
        return s.replace("\\\"", "\"").replace("\\\\", "\\");
    }
}

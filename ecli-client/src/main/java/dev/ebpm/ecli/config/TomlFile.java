package dev.ebpm.ecli.config;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.format.files.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small part of TOML ecli's files use: {@code key = "string"}, {@code key = true|false} and
 * {@code key = ["a", "b"]} (over several lines too), under {@code [table."quoted key"]} headers or in
 * {@code [[array]]} tables, and {@code #} comments. Anything else is an error naming the file and line.
 */
public final class TomlFile {
    /** Policy and config files are a few KiB; a larger one is a mistake. */
    static final long MAX_SIZE = 1 << 20;

    private TomlFile() {
    }

    /**
     * A parsed file: the values outside any {@code [[array]]} keyed {@code table.key}, and each array's
     * tables in order. Values are {@code String}, {@code Boolean} or {@code List<String>}.
     */
    public record Document(Map<String, Object> values, Map<String, List<Map<String, Object>>> arrays) {
        public static final Document EMPTY = new Document(Map.of(), Map.of());

        public List<Map<String, Object>> array(String name) {
            return arrays.getOrDefault(name, List.of());
        }
    }

    static Map<String, String> read(Path file) {
        Map<String, String> strings = new LinkedHashMap<>();
        parse(file).values().forEach((k, v) -> {
            if (v instanceof String s) {
                strings.put(k, s);
            }
        });
        return strings;
    }

    public static Document parse(Path file) {
        if (!Files.isRegularFile(file)) {
            return Document.EMPTY;
        }
        List<String> lines;
        try {
            if (Files.size(file) > MAX_SIZE) {
                throw EcliException.failed(file + " is over " + MAX_SIZE + " bytes");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw EcliException.failed("cannot read " + file + ": " + e.getMessage());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, List<Map<String, Object>>> arrays = new LinkedHashMap<>();
        Map<String, Object> target = values;
        String table = "";
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            String where = file + ":" + (n + 1);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[[") && line.endsWith("]]")) {
                Map<String, Object> t = new LinkedHashMap<>();
                arrays.computeIfAbsent(line.substring(2, line.length() - 2).strip(), k -> new ArrayList<>()).add(t);
                target = t;
                table = "";
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                table = line.substring(1, line.length() - 1).strip() + ".";
                target = values;
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw EcliException.failed(where + ": expected key = value");
            }
            String key = line.substring(0, eq).strip();
            String value = stripComment(line.substring(eq + 1).strip());
            while (value.startsWith("[") && !value.endsWith("]") && n + 1 < lines.size()) {
                value = value + " " + stripComment(lines.get(++n).strip());
            }
            target.put(table + key, value(value, where));
        }
        return new Document(values, arrays);
    }

    private static Object value(String text, String where) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        if (text.startsWith("[") && text.endsWith("]")) {
            List<String> items = new ArrayList<>();
            String inner = text.substring(1, text.length() - 1).strip();
            int i = 0;
            while (i < inner.length()) {
                char c = inner.charAt(i);
                if (c == ',' || Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                if (c != '"') {
                    throw EcliException.failed(where + ": expected a list of \"strings\"");
                }
                int end = closingQuote(inner, i + 1);
                if (end < 0) {
                    throw EcliException.failed(where + ": an unterminated string");
                }
                items.add(unescape(inner.substring(i + 1, end)));
                i = end + 1;
            }
            return items;
        }
        if (text.length() >= 2 && text.startsWith("\"") && closingQuote(text, 1) == text.length() - 1) {
            return unescape(text.substring(1, text.length() - 1));
        }
        throw EcliException.failed(where + ": expected key = \"value\", true, false or [\"a\", \"b\"]");
    }

    private static int closingQuote(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == '"') {
                return i;
            }
        }
        return -1;
    }

    /** Removes a trailing {@code # comment} that is outside any string. */
    private static String stripComment(String s) {
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && inString) {
                i++;
            } else if (c == '"') {
                inString = !inString;
            } else if (c == '#' && !inString) {
                return s.substring(0, i).strip();
            }
        }
        return s;
    }

    /** Writes atomically; {@code secret} files are created readable by their owner only. */
    public static void write(Path file, String text, boolean secret) {
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

    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String unescape(String s) {
        return s.replace("\\\"", "\"").replace("\\\\", "\\");
    }
}

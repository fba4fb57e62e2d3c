package dev.ebpm.compiler.doc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns clang's parsed Doxygen comment into {@link DocComment} entries, following eunomia's ecc with two
 * deliberate fixes: lines of one paragraph are joined with spaces instead of the last line winning, and a
 * value that starts like JSON ({@code {} or {@code [}) must be valid JSON, so a typo in {@code @sample}
 * fails the build instead of becoming a string. Other values are JSON when they parse as JSON
 * ({@code 1}, {@code true}) and strings otherwise; descriptions and the program's doc are always strings.
 */
public final class DocCommentParser {
    /** Keys whose values eunomia's loader requires to be strings. */
    private static final Set<String> STRING_KEYS = Set.of("description", "brief", "details", "version");

    private DocCommentParser() {
    }

    /** {@code where} names the declaration in error messages, e.g. {@code sigsnoop.bpf.c:12}. */
    public static DocComment parse(JsonNode fullComment, int line, String where) {
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        for (JsonNode part : fullComment.path("inner")) {
            String kind = part.path("kind").asText();
            switch (kind) {
                case "ParagraphComment" -> paragraph(part, entries, where);
                case "BlockCommandComment", "ParamCommandComment", "TParamCommandComment" -> {
                    String text = String.join("\n", lines(part)).strip();
                    entries.put(part.path("name").asText(), TextNode.valueOf(text));
                }
                default -> {
                    // Verbatim blocks (@code ... @endcode) carry no metadata.
                }
            }
        }
        return new DocComment(entries, line);
    }

    /**
     * clang gives a paragraph as text pieces and inline commands; the piece right after a command is the
     * rest of the command's line, and every other text piece is a line of its own. A line continues the
     * current key, unless that key already holds a complete JSON object or array: then the line is plain
     * description again, so {@code @cmdarg {...}} followed by a line of prose reads as the user means it.
     */
    private static void paragraph(JsonNode paragraph, Map<String, JsonNode> entries, String where) {
        String key = DocComment.DEFAULT_KEY;
        boolean command = false;
        boolean sameLineAsCommand = false;
        StringBuilder text = new StringBuilder();
        for (JsonNode piece : paragraph.path("inner")) {
            String kind = piece.path("kind").asText();
            if (kind.equals("InlineCommandComment")) {
                flush(entries, key, command, text, where);
                key = piece.path("name").asText();
                command = true;
                sameLineAsCommand = true;
                text.setLength(0);
                continue;
            }
            String line = pieceText(piece);
            if (command && !sameLineAsCommand && !line.isBlank() && isCompleteJson(text)) {
                flush(entries, key, true, text, where);
                key = DocComment.DEFAULT_KEY;
                command = false;
                text.setLength(0);
            }
            sameLineAsCommand = false;
            appendWords(text, line);
        }
        flush(entries, key, command, text, where);
    }

    private static boolean isCompleteJson(CharSequence text) {
        String s = text.toString().strip();
        if (!s.startsWith("{") && !s.startsWith("[")) {
            return false;
        }
        try {
            Json.parse(s);
            return true;
        } catch (PackageFormatException e) {
            return false;
        }
    }

    private static void flush(Map<String, JsonNode> entries, String key, boolean command, StringBuilder text,
                              String where) {
        String value = text.toString().strip();
        if (value.isEmpty()) {
            if (command) {
                entries.put(key, BooleanNode.TRUE);
            }
            return;
        }
        if (STRING_KEYS.contains(key)) {
            JsonNode previous = entries.get(key);
            boolean continues = !command && previous != null && previous.isTextual();
            entries.put(key, TextNode.valueOf(continues ? previous.asText() + " " + value : value));
            return;
        }
        entries.put(key, interpret(key, value, where));
    }

    private static JsonNode interpret(String key, String value, String where) {
        boolean looksLikeJson = value.startsWith("{") || value.startsWith("[");
        try {
            return Json.parse(value);
        } catch (PackageFormatException e) {
            if (looksLikeJson) {
                throw new DocCommentException(where + ": @" + key + " is not valid JSON: " + value + " ("
                    + e.getMessage().replaceFirst("^not valid JSON: ", "") + ")");
            }
            return TextNode.valueOf(value);
        }
    }

    private static void appendWords(StringBuilder b, String piece) {
        String s = piece.strip();
        if (s.isEmpty()) {
            return;
        }
        if (b.length() > 0) {
            b.append(' ');
        }
        b.append(s);
    }

    private static String pieceText(JsonNode piece) {
        return switch (piece.path("kind").asText()) {
            case "TextComment" -> piece.path("text").asText();
            case "HTMLStartTagComment" -> "<" + piece.path("name").asText() + ">";
            case "HTMLEndTagComment" -> "</" + piece.path("name").asText() + ">";
            default -> "";
        };
    }

    /** The text lines of a block command's paragraphs, each trimmed. */
    private static List<String> lines(JsonNode block) {
        List<String> out = new ArrayList<>();
        for (JsonNode para : block.path("inner")) {
            for (JsonNode piece : para.path("inner")) {
                if (piece.path("kind").asText().equals("InlineCommandComment")) {
                    out.add("@" + piece.path("name").asText());
                } else {
                    out.add(pieceText(piece).strip());
                }
            }
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}

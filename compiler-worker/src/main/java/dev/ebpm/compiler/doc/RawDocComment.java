package dev.ebpm.compiler.doc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the doc comment above a declaration straight from the source, for declarations a macro wrote
 * ({@code int BPF_PROG(handle, ...)}): clang 14 attaches no comment to those. The comment is turned into
 * the same node structure clang gives ({@code FullComment} → paragraphs of text and inline commands, block
 * commands), so {@link DocCommentParser} reads both the same way.
 */
final class RawDocComment {
    /** The Doxygen block commands clang knows; any other {@code @word} is an inline command. */
    private static final Set<String> BLOCK_COMMANDS = Set.of("brief", "short", "details", "version", "since",
        "author", "authors", "param", "tparam", "return", "returns", "result", "note", "warning", "pre", "post",
        "remark", "remarks", "attention", "deprecated", "see", "sa", "todo", "par", "invariant", "bug");
    private static final Pattern COMMAND = Pattern.compile("[@\\\\](\\w+)");
    private static final int MAX_DECLARATION_LINES = 3;

    private RawDocComment() {
    }

    /** The comment right above line {@code declLine} (1-based), skipping lines such as {@code SEC("...")}. */
    static JsonNode above(List<String> lines, int declLine) {
        int i = declLine - 2;
        for (int skipped = 0; i >= 0 && skipped < MAX_DECLARATION_LINES && isDeclarationPrefix(lines.get(i));
             skipped++) {
            i--;
        }
        List<String> text = new ArrayList<>();
        if (i >= 0 && lines.get(i).strip().endsWith("*/")) {
            int end = i;
            while (i >= 0 && !lines.get(i).contains("/**") && !lines.get(i).contains("/*!")) {
                i--;
            }
            if (i < 0) {
                return null;
            }
            for (int k = i; k <= end; k++) {
                text.add(lines.get(k).replaceFirst("^\\s*/\\*[*!]", "").replaceFirst("\\*/\\s*$", "")
                    .replaceFirst("^\\s*\\*(?!/)", ""));
            }
        } else {
            while (i >= 0 && (lines.get(i).strip().startsWith("///") || lines.get(i).strip().startsWith("//!"))) {
                text.add(0, lines.get(i).strip().substring(3));
                i--;
            }
        }
        return text.isEmpty() ? null : fullComment(text);
    }

    private static boolean isDeclarationPrefix(String line) {
        String s = line.strip();
        return !s.isEmpty() && !s.startsWith("//") && !s.startsWith("#") && !s.endsWith("*/") && !s.endsWith(";")
            && !s.endsWith("}") && !s.endsWith("{");
    }

    private static ObjectNode fullComment(List<String> lines) {
        ObjectNode full = node("FullComment");
        ArrayNode parts = full.putArray("inner");
        ObjectNode paragraph = null;
        ObjectNode block = null;
        for (String line : lines) {
            if (line.isBlank()) {
                paragraph = null;
                block = null;
                continue;
            }
            Matcher m = COMMAND.matcher(line.strip());
            if (m.lookingAt() && BLOCK_COMMANDS.contains(m.group(1))) {
                block = node("BlockCommandComment").put("name", m.group(1));
                parts.add(block);
                paragraph = node("ParagraphComment");
                block.putArray("inner").add(paragraph);
                paragraph.putArray("inner");
                addText(paragraph, line.strip().substring(m.end()));
                continue;
            }
            if (paragraph == null) {
                paragraph = node("ParagraphComment");
                paragraph.putArray("inner");
                parts.add(paragraph);
            }
            if (m.lookingAt()) {
                ((ArrayNode) paragraph.get("inner")).add(node("InlineCommandComment").put("name", m.group(1)));
                addText(paragraph, line.strip().substring(m.end()));
            } else {
                addText(paragraph, line);
            }
        }
        return full;
    }

    private static void addText(ObjectNode paragraph, String text) {
        ((ArrayNode) paragraph.get("inner")).add(node("TextComment").put("text", text));
    }

    private static ObjectNode node(String kind) {
        return Json.object().put("kind", kind);
    }
}

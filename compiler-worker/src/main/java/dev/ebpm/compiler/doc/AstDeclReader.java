package dev.ebpm.compiler.doc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.format.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Streams clang's JSON AST ({@code -Xclang -ast-dump=json}) and keeps the top-level declarations of the
 * main file. clang writes a location's file and line only when they change from the previous location
 * printed, so every location in the document is followed, in order, to know where each declaration is.
 * Each top-level declaration is read as a tree on its own, so a huge AST never sits in memory at once.
 */
public final class AstDeclReader {
    private final String mainFile;
    private String lastFile = "";
    private int lastLine;

    private AstDeclReader(String mainFile) {
        this.mainFile = mainFile;
    }

    public static List<SourceDecl> read(InputStream json, String mainFile) throws IOException {
        return new AstDeclReader(mainFile).readAll(json);
    }

    private List<SourceDecl> readAll(InputStream json) throws IOException {
        List<SourceDecl> out = new ArrayList<>();
        try (JsonParser p = Json.parser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("clang's AST dump is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!field.equals("inner") || p.currentToken() != JsonToken.START_ARRAY) {
                    follow(Json.read(p));
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    JsonNode decl = Json.read(p);
                    SourceDecl d = declaration(decl);
                    if (d != null) {
                        out.add(d);
                    }
                }
            }
        }
        return out;
    }

    /** Follows the whole declaration in document order; returns it if it is in the main file. */
    private SourceDecl declaration(JsonNode decl) {
        String file = null;
        int line = 0;
        boolean fromMacro = false;
        Iterator<Map.Entry<String, JsonNode>> it = decl.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            follow(e.getValue());
            if (e.getKey().equals("loc")) {
                file = lastFile;
                line = lastLine;
                fromMacro = e.getValue().has("expansionLoc");
            }
        }
        if (file == null || !file.equals(mainFile) || decl.path("isImplicit").asBoolean(false)) {
            return null;
        }
        JsonNode comment = null;
        for (JsonNode child : decl.path("inner")) {
            if ("FullComment".equals(child.path("kind").asText())) {
                comment = child;
            }
        }
        return new SourceDecl(decl.path("kind").asText(), decl.path("name").asText(""), line, comment, fromMacro);
    }

    /** Updates the current file and line from every source location inside {@code node}, in order. */
    private void follow(JsonNode node) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            if (node.has("offset")) {
                JsonNode file = node.get("file");
                if (file != null) {
                    lastFile = file.asText();
                }
                JsonNode line = node.get("line");
                if (line != null) {
                    lastLine = line.asInt();
                }
            }
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("includedFrom")) {
                    follow(e.getValue());
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                follow(child);
            }
        }
    }
}

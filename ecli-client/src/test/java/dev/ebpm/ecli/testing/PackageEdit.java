package dev.ebpm.ecli.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** A copy of a package.json with its JSON edited, as a user edits one by hand. */
public final class PackageEdit {
    private PackageEdit() {
    }

    public static Path edit(Path packageJson, Consumer<ObjectNode> change) {
        try {
            ObjectNode root = (ObjectNode) Json.parse(Files.readAllBytes(packageJson));
            change.accept(root);
            Path out = Files.createTempFile(Files.createDirectories(Path.of("target/edited")), "package-", ".json");
            Files.write(out, Json.canonical(root));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode variable(ObjectNode root, String name) {
        for (var section : root.get("meta").get("bpf_skel").get("data_sections")) {
            for (var v : section.get("variables")) {
                if (v.get("name").asText().equals(name)) {
                    return (ObjectNode) v;
                }
            }
        }
        throw new IllegalArgumentException("no variable " + name);
    }

    public static ObjectNode prog(ObjectNode root, String name) {
        for (var p : root.get("meta").get("bpf_skel").get("progs")) {
            if (p.get("name").asText().equals(name)) {
                return (ObjectNode) p;
            }
        }
        throw new IllegalArgumentException("no program " + name);
    }

    public static ObjectNode map(ObjectNode root, String name) {
        for (var m : root.get("meta").get("bpf_skel").get("maps")) {
            if (m.get("name").asText().equals(name)) {
                return (ObjectNode) m;
            }
        }
        throw new IllegalArgumentException("no map " + name);
    }
}

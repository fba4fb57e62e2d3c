package dev.ebpm.registry.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.Digest;
import dev.ebpm.format.artifact.OciDescriptor;
import dev.ebpm.format.artifact.OciManifest;
import dev.ebpm.format.artifact.PackageArtifact;
import dev.ebpm.format.artifact.PackageConfig;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EbpmPackageCodec;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Packages no honest client writes: the shared library refuses to build them (NUL in a description, say),
 * so the tests edit the JSON of valid ones and keep every digest consistent, leaving only the flaw.
 */
public final class Tampered {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Tampered() {
    }

    /** An {@code .ebpm} whose manifest.json is edited and, if {@code readme} is given, whose README is replaced. */
    public static byte[] ebpm(EbpmPackage pkg, Consumer<ObjectNode> editManifest, String readme) {
        Map<String, byte[]> entries = untar(EbpmPackageCodec.write(pkg));
        ObjectNode manifest = (ObjectNode) tree(entries.get(EbpmPackageCodec.MANIFEST));
        editManifest.accept(manifest);
        if (readme != null) {
            byte[] bytes = readme.getBytes(StandardCharsets.UTF_8);
            entries.put(EbpmPackageCodec.README, bytes);
            ObjectNode d = (ObjectNode) manifest.get("readme");
            d.put("digest", Digest.sha256(bytes).toString());
            d.put("size", bytes.length);
        }
        entries.put(EbpmPackageCodec.MANIFEST, bytes(manifest));
        return tar(entries);
    }

    /** The package's OCI artifact with its config edited (and the manifest pointing at the edited config). */
    public static PackageArtifact artifact(EbpmPackage pkg, Consumer<ObjectNode> editConfig) {
        PackageArtifact a = PackageArtifact.of(pkg);
        ObjectNode config = (ObjectNode) tree(a.config());
        editConfig.accept(config);
        byte[] edited = bytes(config);
        OciManifest m = a.model();
        OciManifest model = new OciManifest(m.mediaType(), m.artifactType(),
            OciDescriptor.of(PackageConfig.MEDIA_TYPE, edited), m.layers(), m.subject(), m.annotations());
        return new PackageArtifact(model, model.toBytes(), edited, a.layer());
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, byte[]> untar(byte[] tar) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static byte[] tar(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 512)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

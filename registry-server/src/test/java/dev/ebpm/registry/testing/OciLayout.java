package dev.ebpm.registry.testing;

import dev.ebpm.format.Digest;
import dev.ebpm.format.artifact.PackageArtifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes and reads OCI image layouts (directories skopeo copies from and to). */
public final class OciLayout {
    private OciLayout() {
    }

    public static void write(Path dir, String tag, PackageArtifact a) throws IOException {
        Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
        for (byte[] blob : new byte[][] {a.manifest(), a.config(), a.layer()}) {
            Files.write(blobs.resolve(Digest.sha256(blob).hex()), blob);
        }
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
            + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + Digest.sha256(a.manifest())
            + "\",\"size\":" + a.manifest().length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\""
            + tag + "\"}}]}", StandardCharsets.UTF_8);
    }

    /** A layout whose {@code tag} is an image index of the given builds (each with its blobs). */
    public static void writeIndex(Path dir, String tag, List<PackageArtifact> builds, byte[] index) throws IOException {
        Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
        for (PackageArtifact a : builds) {
            for (byte[] blob : new byte[][] {a.manifest(), a.config(), a.layer()}) {
                Files.write(blobs.resolve(Digest.sha256(blob).hex()), blob);
            }
        }
        Files.write(blobs.resolve(Digest.sha256(index).hex()), index);
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
            + "\"application/vnd.oci.image.index.v1+json\",\"digest\":\"" + Digest.sha256(index)
            + "\",\"size\":" + index.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\""
            + tag + "\"}}]}", StandardCharsets.UTF_8);
    }

    public static byte[] blob(Path dir, String digest) throws IOException {
        return Files.readAllBytes(dir.resolve("blobs/sha256").resolve(Digest.parse(digest).hex()));
    }
}

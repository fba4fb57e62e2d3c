package dev.ebpm.ecli.cache;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.format.Digest;
import dev.ebpm.format.files.AtomicFiles;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Content-addressed storage of pulled packages. A blob is written to a private file then moved into
 * place, so readers never see half of one; reading checks the digest, and a blob that does not match
 * (disk corruption, tampering) is removed and reported as {@link Read#corrupt}. Besides blobs and the
 * references they were resolved from, it remembers when a registry last confirmed a manifest, and which
 * versions a registry removed (their copies are deleted; the reason is kept so later runs, offline too,
 * say why they refuse).
 */
public final class PackageCache {
    private final Path root;

    public PackageCache(Path root) {
        this.root = root;
    }

    public static PackageCache fromEnvironment() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new PackageCache(base.resolve("ebpm"));
    }

    public Path root() {
        return root;
    }

    /** A blob read from the cache: its bytes, or that it is missing, or that it was corrupt (and is gone now). */
    public record Read(byte[] bytes, boolean corrupt) {
        public boolean found() {
            return bytes != null;
        }
    }

    public Read blob(Digest digest) {
        Path file = blobFile(digest);
        if (!Files.isRegularFile(file)) {
            return new Read(null, false);
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (digest.matches(bytes)) {
                return new Read(bytes, false);
            }
            Files.deleteIfExists(file);
            return new Read(null, true);
        } catch (IOException e) {
            return new Read(null, false);
        }
    }

    public void putBlob(Digest digest, byte[] content) {
        write(blobFile(digest), content);
    }

    public Optional<CachedRef> ref(URI registry, String name, String reference) {
        Path file = refFile(registry, name, reference);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
            return Optional.of(new CachedRef(registry.toString(), name, reference, Digest.parse(lines[0].strip()),
                Instant.ofEpochMilli(Long.parseLong(lines[1].strip()))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public void putRef(URI registry, String name, String reference, Digest manifest) {
        write(refFile(registry, name, reference), (manifest + "\n" + System.currentTimeMillis() + "\n")
            .getBytes(StandardCharsets.UTF_8));
    }

    /** When the registry last confirmed it still serves this manifest, if within {@code maxAge}. */
    public Optional<Instant> confirmedSince(URI registry, String name, Digest manifest, Duration maxAge) {
        Path file = confirmedFile(registry, name, manifest);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            Instant at = Instant.ofEpochMilli(Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip()));
            return at.plus(maxAge).isAfter(Instant.now()) ? Optional.of(at) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public void confirm(URI registry, String name, Digest manifest) {
        write(confirmedFile(registry, name, manifest), Long.toString(System.currentTimeMillis())
            .getBytes(StandardCharsets.UTF_8));
    }

    /** Why the registry removed this version or manifest, when ecli has learnt that it did. */
    public Optional<String> removal(URI registry, String name, String reference, Digest manifest) {
        for (Path file : new Path[] {reference == null ? null : removedRefFile(registry, name, reference),
            manifest == null ? null : removedManifestFile(manifest)}) {
            if (file != null && Files.isRegularFile(file)) {
                try {
                    return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
                } catch (IOException e) {
                    return Optional.of("the registry removed " + name + "@" + reference);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Records that the registry removed a version ({@code reference} and/or {@code manifest} may be null) and
     * deletes what the cache holds of it: the manifest, the given blobs, and the references to the manifest.
     */
    public void markRemoved(URI registry, String name, String reference, Digest manifest, List<Digest> blobs,
                            String message) {
        byte[] why = message.getBytes(StandardCharsets.UTF_8);
        if (reference != null) {
            write(removedRefFile(registry, name, reference), why);
        }
        if (manifest == null) {
            return;
        }
        write(removedManifestFile(manifest), why);
        try {
            Files.deleteIfExists(blobFile(manifest));
            for (Digest d : blobs) {
                Files.deleteIfExists(blobFile(d));
            }
            Files.deleteIfExists(confirmedFile(registry, name, manifest));
            for (CachedRef r : refs()) {
                if (r.manifest().equals(manifest)) {
                    Files.deleteIfExists(refFile(URI.create(r.registry()), r.name(), r.reference()));
                }
            }
        } catch (IOException e) {
            throw EcliException.failed("cannot delete the removed package from the cache at " + root + ": "
                + e.getMessage());
        }
    }

    /** Every cached reference, by registry, name and reference. */
    public List<CachedRef> refs() {
        Path refs = root.resolve("refs");
        List<CachedRef> out = new ArrayList<>();
        if (!Files.isDirectory(refs)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(refs)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                Path rel = refs.relativize(f);
                if (rel.getNameCount() < 3) {
                    continue;
                }
                String name = rel.subpath(1, rel.getNameCount() - 1).toString();
                String reference = rel.getFileName().toString();
                URI uri = URI.create(hostDirToUri(rel.getName(0).toString()));
                ref(uri, name, reference).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw EcliException.failed("cannot list the cache at " + root + ": " + e.getMessage());
        }
        return out;
    }

    /** A cached file that is not content-addressed (signature evidence, revocations), and when it was written. */
    public record Stored(byte[] bytes, Instant written) {
    }

    /**
     * The signatures and provenance last gathered for a manifest. Not content-addressed: it is verified on
     * every run instead, so altering it can only make a package refused, never trusted.
     */
    public Optional<Stored> evidence(Digest manifest) {
        return stored(root.resolve("trust").resolve("evidence").resolve(manifest.hex() + ".json"));
    }

    public void putEvidence(Digest manifest, byte[] content) {
        write(root.resolve("trust").resolve("evidence").resolve(manifest.hex() + ".json"), content);
    }

    /** The key revocations a registry last published. */
    public Optional<Stored> revocations(URI registry) {
        return stored(root.resolve("trust").resolve("revocations").resolve(uriToHostDir(registry) + ".json"));
    }

    public void putRevocations(URI registry, byte[] content) {
        write(root.resolve("trust").resolve("revocations").resolve(uriToHostDir(registry) + ".json"), content);
    }

    private static Optional<Stored> stored(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            return Optional.of(new Stored(Files.readAllBytes(file), Files.getLastModifiedTime(file).toInstant()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Removes everything; returns the bytes freed. */
    public long clean() {
        long freed = 0;
        for (String part : List.of("blobs", "refs", "confirmed", "removed", "trust")) {
            Path dir = root.resolve(part);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    if (Files.isRegularFile(f)) {
                        freed += Files.size(f);
                    }
                    Files.delete(f);
                }
            } catch (IOException e) {
                throw EcliException.failed("cannot clean the cache at " + root + ": " + e.getMessage());
            }
        }
        return freed;
    }

    private Path blobFile(Digest digest) {
        return root.resolve("blobs").resolve("sha256").resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
    }

    /** refs/&lt;scheme_host_port&gt;/&lt;name&gt;/&lt;reference&gt;: names and references are checked before they get here. */
    private Path refFile(URI registry, String name, String reference) {
        return root.resolve("refs").resolve(uriToHostDir(registry)).resolve(name).resolve(reference);
    }

    private Path confirmedFile(URI registry, String name, Digest manifest) {
        return root.resolve("confirmed").resolve(uriToHostDir(registry)).resolve(name).resolve(manifest.hex());
    }

    private Path removedRefFile(URI registry, String name, String reference) {
        return root.resolve("removed").resolve("refs").resolve(uriToHostDir(registry)).resolve(name).resolve(reference);
    }

    private Path removedManifestFile(Digest manifest) {
        return root.resolve("removed").resolve("manifests").resolve(manifest.hex());
    }

    private static String uriToHostDir(URI registry) {
        return registry.getScheme() + "_" + registry.getHost() + (registry.getPort() < 0 ? "" : "_" + registry.getPort());
    }

    private static String hostDirToUri(String dir) {
        String[] p = dir.split("_");
        return p[0] + "://" + p[1] + (p.length > 2 ? ":" + p[2] : "");
    }

    private static void write(Path file, byte[] content) {
        try {
            AtomicFiles.write(file, content);
        } catch (IOException e) {
            // The cache is an optimisation: a failed write means the next run fetches again.
        }
    }
}

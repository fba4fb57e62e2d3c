package dev.ebpm.ecli.cache;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.artifact.PackageArtifact;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EbpmPackageCodec;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Puts a local {@code .ebpm} package into the cache as the OCI artifact a registry would serve for it
 * (the same bytes, so the same manifest digest), under NAME@VERSION for the given registry.
 */
public final class CacheImport {
    private CacheImport() {
    }

    public static CachedRef importFile(PackageCache cache, URI registry, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw EcliException.failed("cannot read " + file + ": " + e.getMessage());
        }
        EbpmPackage pkg;
        byte[] layer;
        try {
            EbpmPackageCodec.Opened opened = EbpmPackageCodec.open(bytes, file.toString(), size -> { });
            pkg = opened.pkg();
            layer = opened.storedObject();
        } catch (PackageFormatException e) {
            throw EcliException.failed("bad package: " + e.getMessage());
        }
        PackageArtifact a = PackageArtifact.of(pkg, layer);
        Digest manifest = Digest.sha256(a.manifest());
        cache.putBlob(Digest.sha256(a.config()), a.config());
        cache.putBlob(Digest.sha256(a.layer()), a.layer());
        if (a.btf() != null) {
            cache.putBlob(Digest.sha256(a.btf()), a.btf());
        }
        cache.putBlob(manifest, a.manifest());
        cache.putRef(registry, pkg.info().name(), pkg.info().version(), manifest);
        // As if just pulled: the registry is not asked about it before the usual interval.
        cache.confirm(registry, pkg.info().name(), manifest);
        return new CachedRef(registry.toString(), pkg.info().name(), pkg.info().version(), manifest, Instant.now());
    }
}

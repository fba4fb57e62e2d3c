package dev.ebpm.ecli.push;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.registry.RegistryClient;
import dev.ebpm.ecli.resolve.Loaded;
import dev.ebpm.ecli.resolve.LoadedPackage;
import dev.ebpm.ecli.resolve.LocalPackages;
import dev.ebpm.ecli.resolve.PackageResolver;
import dev.ebpm.format.Digest;
import dev.ebpm.format.artifact.OciIndex;
import dev.ebpm.format.artifact.PackageArtifact;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.reference.PackageReference;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One version built for several architectures, published the way multi-arch images are: each build's config,
 * layer and manifest pushed by digest, then an OCI image index naming them pushed as the version. Every file
 * is checked (a package, built for one architecture, none twice) before anything is sent.
 */
public final class ArchVariants {
    private ArchVariants() {
    }

    /** The packages, renamed to the target name and version, in the order given. */
    public static List<EbpmPackage> read(List<Path> files, PackageReference target) {
        if (files.size() > OciIndex.MAX_VARIANTS) {
            throw EcliException.usage(files.size() + " packages: a version has at most " + OciIndex.MAX_VARIANTS
                + " builds, one per architecture");
        }
        Map<String, Path> seen = new HashMap<>();
        List<EbpmPackage> out = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw EcliException.failed(file + ": no such file (several packages are one build each, not "
                    + "directories of sources)");
            }
            Loaded loaded = LocalPackages.load(PackageResolver.reference(file.toString()), InputStream.nullInputStream());
            if (!(loaded instanceof LoadedPackage p)) {
                throw EcliException.usage(file + " is a wasm module, which runs on every architecture: publish it "
                    + "on its own");
            }
            String arch = p.arch();
            if (arch == null) {
                throw EcliException.usage(file + " is built for any architecture: each of several packages is one "
                    + "architecture's build (ecc --target-arch ARCH)");
            }
            Path other = seen.putIfAbsent(arch, file);
            if (other != null) {
                throw EcliException.usage(other + " and " + file + " are both built for " + arch);
            }
            out.add(p.publishedAs(target.name(), target.reference()));
        }
        return out;
    }

    /** Pushes every build, then the index as the version; returns the index's digest (the version's). */
    public static Digest push(RegistryClient client, PackageReference target, List<EbpmPackage> variants) {
        List<OciIndex.Variant> entries = new ArrayList<>();
        for (EbpmPackage pkg : variants) {
            PackageArtifact a = PackageArtifact.of(pkg);
            client.pushBlob(target.name(), a.config());
            client.pushBlob(target.name(), a.layer());
            if (a.btf() != null) {
                client.pushBlob(target.name(), a.btf());
            }
            client.pushManifest(target.name(), Digest.sha256(a.manifest()).toString(), a.manifest());
            entries.add(a.variant(pkg.info().arch()));
        }
        byte[] index = PackageArtifact.index(variants.get(0).info().withArch(null), entries).toBytes();
        client.pushManifest(target.name(), target.reference(), index);
        return Digest.sha256(index);
    }
}

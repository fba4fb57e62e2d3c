package dev.ebpm.registry.download;

import dev.ebpm.format.Digest;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EunomiaPackage;
import dev.ebpm.format.codec.EunomiaPackageCodec;
import dev.ebpm.registry.catalog.PackageVersion;
import dev.ebpm.registry.catalog.StoredBuild;
import dev.ebpm.registry.content.BlobBytes;
import dev.ebpm.registry.storage.BlobMissingException;
import dev.ebpm.registry.testing.Fixtures;
import dev.ebpm.registry.testing.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A version's files served from an in-memory store: the stored .ebpm, and eunomia's package.json from it. */
class PackageFilesTest {
    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final PackageFiles files = new PackageFiles(new BlobBytes(store, 1 << 20, 8 << 20));

    private PackageVersion stored(byte[] file) {
        PackageVersion v = new PackageVersion();
        v.build = new StoredBuild();
        v.build.packageDigest = Digest.sha256(file).toString();
        v.build.packageSize = file.length;
        return v;
    }

    @Test
    void theEbpmIsTheStoredFileAndPackageJsonHasTheSameProgram() {
        EbpmPackage pkg = Fixtures.renamed("runqlat", "files/runqlat", "1.0.0");
        byte[] file = Fixtures.file(pkg);
        store.put(Digest.sha256(file), file);
        PackageVersion v = stored(file);
        assertThat(files.packageFile(v)).isEqualTo(file);
        EunomiaPackage eunomia = EunomiaPackageCodec.readJson(files.eunomiaJson(v.build), "package.json");
        assertThat(eunomia.elf()).isEqualTo(pkg.elf());
        assertThat(eunomia.meta()).isEqualTo(pkg.meta());
        assertThat(store.reads()).isEqualTo(1);
    }

    @Test
    void aFileMissingFromTheStoreSaysSo() {
        byte[] file = Fixtures.file(Fixtures.renamed("runqlat", "files/lost", "1.0.0"));
        assertThatThrownBy(() -> files.packageFile(stored(file))).isInstanceOf(BlobMissingException.class);
    }
}

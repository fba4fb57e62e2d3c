package dev.ebpm.registry.publish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.format.codec.EunomiaPackage;
import dev.ebpm.format.codec.EunomiaPackageCodec;
import dev.ebpm.format.codec.PackageFormat;
import dev.ebpm.format.codec.PackageInfo;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.format.reference.SemVer;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;

import java.util.List;

/**
 * A package file sent to the REST publish endpoint, opened: an ebpm package (tar), or an eunomia
 * {@code package.json} / {@code package.yaml} / btfgen tar (kernel BTF kept, as in an {@code .ebpm}). The object's size is checked against the limit before it
 * is inflated. An eunomia file carries no identity, so name and version come from the URL and the rest
 * (description, license) from the program itself: its doc comment and its ELF {@code license} section.
 */
public record PackageUpload(EbpmPackage pkg, byte[] layer) {

    public static PackageUpload read(byte[] body, String contentType, PackageName name, SemVer version, int maxObject) {
        try {
            return switch (PackageFormat.detect(body, contentType)) {
                case EBPM -> ebpm(body, maxObject);
                case EUNOMIA_JSON -> eunomia(Json.parse(body), name, version, maxObject);
                case EUNOMIA_YAML -> eunomia(Json.parseYaml(body), name, version, maxObject);
                case EUNOMIA_TAR -> eunomia(EunomiaPackageCodec.readTar(body, "the package"), name, version);
            };
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            // Format, ELF and BTF readers all report bad input as runtime exceptions: the client's fault here.
            throw ApiException.badRequest(ErrorCode.PACKAGE_INVALID, "the package is not valid: " + e.getMessage());
        }
    }

    private static PackageUpload ebpm(byte[] body, int maxObject) {
        EbpmPackageCodec.Opened opened = EbpmPackageCodec.open(body, "the package", size -> checkSize(size, maxObject));
        return new PackageUpload(opened.pkg(), opened.storedObject());
    }

    private static PackageUpload eunomia(JsonNode root, PackageName name, SemVer version, int maxObject) {
        JsonNode size = root.get("bpf_object_size");
        if (size != null && size.canConvertToLong()) {
            checkSize(size.asLong(), maxObject);
        }
        return eunomia(EunomiaPackageCodec.read(root), name, version);
    }

    /** An eunomia package ({@code package.json}, or the btfgen tar with its kernels' BTF), named by the URL. */
    private static PackageUpload eunomia(EunomiaPackage eunomia, PackageName name, SemVer version) {
        BpfObject object = BpfObject.parse(eunomia.elf());
        String description = eunomia.meta().bpfSkel().doc() == null ? null : eunomia.meta().bpfSkel().doc().summary();
        if (description != null && description.length() > PackageInfo.MAX_DESCRIPTION) {
            description = description.substring(0, PackageInfo.MAX_DESCRIPTION);
        }
        PackageInfo info = new PackageInfo(name.value(), version.toString(), description, object.license().orElse(null), List.of());
        EbpmPackage pkg = EbpmPackage.fromEunomia(eunomia, info, null);
        return new PackageUpload(pkg, EbpmPackageCodec.compressObject(pkg.elf()));
    }

    private static void checkSize(long size, int max) {
        if (size > max) {
            throw ApiException.tooLarge("the BPF object is " + size + " bytes uncompressed, over the " + max
                + "-byte limit");
        }
    }
}

package dev.ebpm.registry.publish;

import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.PackageInfo;
import dev.ebpm.format.meta.LoaderOptions;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.object.ObjectNames;
import dev.ebpm.format.object.SkeletonExtractor;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.format.reference.SemVer;
import dev.ebpm.format.wasm.WasmModuleInfo;
import dev.ebpm.registry.catalog.VersionDetails;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A wasm-bpf module to publish, opened the way ecli will open it: a valid WebAssembly module that is a WASI
 * command and embeds a BPF object. The version is described by that object: with the meta and README ecc
 * wrote into the module when there are, else with what the object itself says (as for eunomia's package.json).
 * {@code pkg} is that description (the object with its identity); {@code module} the bytes published.
 */
public record ModuleUpload(EbpmPackage pkg, byte[] module, VersionDetails.Module details) {
    public static ModuleUpload read(byte[] module, PackageName name, SemVer version, int maxObject) {
        WasmModuleInfo info;
        Optional<ObjectMeta> described;
        try {
            info = WasmModuleInfo.read(module, "the wasm module");
            described = info.meta();
        } catch (PackageFormatException e) {
            throw ApiException.badRequest(ErrorCode.PACKAGE_INVALID, e.getMessage());
        }
        if (!info.command()) {
            throw ApiException.badRequest(ErrorCode.PACKAGE_INVALID, "the wasm module exports no _start function: "
                + "ecli runs WASI commands (a main)");
        }
        byte[] elf = info.bpfObject().orElseThrow(() -> ApiException.badRequest(ErrorCode.PACKAGE_INVALID,
            "the wasm module embeds no BPF object: a wasm-bpf module carries its object as constant data (ecc "
                + "--wasm embeds it)"));
        if (elf.length > maxObject) {
            throw ApiException.tooLarge("the BPF object the module embeds is " + elf.length + " bytes, over the "
                + maxObject + "-byte limit");
        }
        try {
            BpfObject object = BpfObject.parse(elf);
            String base = name.value().substring(name.value().lastIndexOf('/') + 1);
            ObjectMeta meta = described.orElseGet(() -> new ObjectMeta(SkeletonExtractor.extract(object,
                ObjectNames.objectName(base + ".bpf.o")), List.of(), ObjectMeta.EUNOMIA_FORMAT_VERSION,
                LoaderOptions.NONE, Map.of()));
            String description = meta.bpfSkel().doc() == null ? null : meta.bpfSkel().doc().summary();
            if (description != null && description.length() > PackageInfo.MAX_DESCRIPTION) {
                description = description.substring(0, PackageInfo.MAX_DESCRIPTION);
            }
            PackageInfo identity = new PackageInfo(name.value(), version.toString(), description,
                object.license().orElse(null), List.of());
            return new ModuleUpload(new EbpmPackage(identity, meta, elf, info.readme().orElse(null)), module,
                new VersionDetails.Module(module.length, info.imports(), described.isPresent()));
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            // The object's ELF or BTF, or the meta ecc wrote, is the module's fault.
            throw ApiException.badRequest(ErrorCode.PACKAGE_INVALID, "the BPF object the module embeds is not valid: "
                + e.getMessage());
        }
    }
}

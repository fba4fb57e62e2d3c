package dev.ebpm.ecli.wasm;

import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.wasm.WasmModuleInfo;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A WebAssembly module's bytes, checked before anything runs: the size bounded, the module parsed and
 * validated, every import one the host provides, with the type it provides it with, the memory it starts with within
 * the cap. Each failure is one line naming what is wrong.
 */
public record WasmModuleFile(String name, WasmModule module) {
    public static WasmModuleFile parse(String name, byte[] bytes) {
        try {
            return new WasmModuleFile(name, WasmModuleInfo.read(bytes, name).module());
        } catch (PackageFormatException e) {
            throw EcliException.failed("bad wasm module " + e.getMessage());
        }
    }

    /** Refuses a module that imports anything {@code provided} does not have, or with another type. */
    void checkImports(List<? extends ImportFunction> provided) {
        Map<String, ImportFunction> byName = provided.stream()
            .collect(Collectors.toMap(f -> f.module() + "." + f.name(), Function.identity(), (a, b) -> a));
        var imports = module.importSection();
        for (int i = 0; i < imports.importCount(); i++) {
            Import imp = imports.getImport(i);
            String full = imp.module() + "." + imp.name();
            if (imp.importType() != ExternalType.FUNCTION) {
                throw EcliException.failed("wasm module " + name + " imports " + imp.importType().name().toLowerCase()
                    + " " + full + ", which ecli does not provide (only functions are imported)");
            }
            ImportFunction given = byName.get(full);
            if (given == null) {
                throw EcliException.failed("wasm module " + name + " imports unknown function " + full
                    + " (ecli provides WASI preview 1 and wasm_bpf)");
            }
            FunctionType wanted = module.typeSection().getType(((FunctionImport) imp).typeIndex());
            if (!wanted.equals(given.functionType())) {
                throw EcliException.failed("wasm module " + name + " imports " + full + " as " + wanted
                    + ", but ecli provides it as " + given.functionType());
            }
        }
    }

    /** The memory limits to instantiate with: the module's, with the maximum lowered to the cap. */
    MemoryLimits limits(int maxPages) {
        MemoryLimits declared = module.memorySection().filter(s -> s.memoryCount() > 0)
            .map(s -> s.getMemory(0).limits()).orElse(null);
        if (declared == null) {
            return null;
        }
        if (declared.initialPages() > maxPages) {
            throw EcliException.failed("wasm module " + name + " needs " + declared.initialPages() * 64 + " KiB of "
                + "memory at start, more than the cap of " + maxPages * 64 + " KiB (--wasm-max-memory)");
        }
        return new MemoryLimits(declared.initialPages(), Math.min(declared.maximumPages(), maxPages));
    }
}

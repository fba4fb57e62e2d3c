package dev.ebpm.ecli.resolve;

/**
 * What a reference gives, ready to run, from wherever it came: a declarative package (ecli loads its object
 * and prints its events) or a WebAssembly module (which does both itself through the wasm_bpf host).
 */
public sealed interface Loaded permits LoadedPackage, LoadedModule {
    /** Where it came from, for messages. */
    String origin();
}

package dev.ebpm.ecli.resolve;

/**
 * A WebAssembly module ready to run: its bytes (not yet parsed), the name it runs under ({@code argv[0]},
 * and in messages) and where it came from.
 */
public record LoadedModule(String name, byte[] bytes, String origin) implements Loaded {
}

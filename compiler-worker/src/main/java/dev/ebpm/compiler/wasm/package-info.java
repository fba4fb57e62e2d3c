/**
 * {@code ecc --wasm}: the user-space half of a wasm-bpf tool. The headers a module's C includes (the
 * embedded object with the wasm_bpf imports, and the export types laid out byte for byte as the BPF side
 * writes them) and the wasm32-wasi compile that makes {@code app.wasm}.
 */
package dev.ebpm.compiler.wasm;

/**
 * WebAssembly user-space programs: wasm-bpf modules run in Chicory, a WebAssembly runtime in plain Java, with
 * WASI preview 1 and the {@code wasm_bpf} host functions through which a module loads, attaches and reads the
 * BPF objects it carries. docs/wasm-bpf.md states the ABI; {@link dev.ebpm.ecli.wasm.WasmRun} the lifecycle.
 */
package dev.ebpm.ecli.wasm;

package dev.ebpm.ecli.wasm;

/**
 * A module misused the wasm_bpf ABI: a pointer outside its memory, a handle or map it does not own, a
 * callback that is not a function of the right type. The run stops with one line naming the host function.
 * (eunomia's runtimes return -EFAULT or -EINVAL instead; a module that passes such values is broken, and
 * stopping it says where.) Failures of BPF itself are return values, as there.
 */
public final class AbiException extends RuntimeException {
    public AbiException(String function, String message) {
        super(function + ": " + message);
    }
}

/* Imports a wasm_bpf function with the wrong type (the handle as i32 instead of i64). */
__attribute__((import_module("wasm_bpf"), import_name("wasm_close_bpf_object"))) int wasm_close_bpf_object(int);

int main(void) {
    return wasm_close_bpf_object(1);
}

/* Prints its arguments and whether it sees the environment; exits with the number of arguments. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        printf("arg %d: %s\n", i, argv[i]);
    }
    printf("env %s\n", getenv("EBPM_WASM_TEST") ? getenv("EBPM_WASM_TEST") : "(unset)");
    FILE *f = fopen("/etc/hostname", "r");
    printf("files %s\n", f ? "visible" : "hidden");
    return argc - 1;
}

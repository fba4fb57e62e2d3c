/* attach_target: attaches on_packet to the interface argv[1] and, when argv[2] is given, on_sockop to that
 * cgroup directory; prints "attached", then after argv[3] (default 3) seconds the two counts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "hooks.bpf.h"

#define IMPORT(name) __attribute__((import_module("wasm_bpf"), import_name(#name)))
IMPORT(wasm_load_bpf_object) uint64_t wasm_load_bpf_object(const void *obj, int size);
IMPORT(wasm_attach_bpf_program) int wasm_attach_bpf_program(uint64_t obj, const char *name, const char *target);
IMPORT(wasm_bpf_map_fd_by_name) int wasm_bpf_map_fd_by_name(uint64_t obj, const char *name);
IMPORT(wasm_bpf_map_operate) int wasm_bpf_map_operate(int fd, int cmd, void *key, void *value, void *next_key,
                                                      uint64_t flags);
IMPORT(wasm_close_bpf_object) int wasm_close_bpf_object(uint64_t obj);

int main(int argc, char **argv) {
    uint64_t obj = wasm_load_bpf_object(hooks_bpf_o, (int) hooks_bpf_o_len);
    if (!obj) {
        return 1;
    }
    int rc = wasm_attach_bpf_program(obj, "on_packet", argc > 1 ? argv[1] : "");
    if (rc < 0) {
        printf("xdp attach failed: %d\n", rc);
        return 3;
    }
    if (argc > 2 && argv[2][0] && wasm_attach_bpf_program(obj, "on_sockop", argv[2]) < 0) {
        printf("sockops attach failed\n");
        return 4;
    }
    printf("attached\n");
    fflush(stdout);
    struct timespec pause = { .tv_sec = argc > 3 ? atoi(argv[3]) : 3 };
    nanosleep(&pause, 0);
    int fd = wasm_bpf_map_fd_by_name(obj, "counts");
    unsigned long long packets = 0, sockops = 0;
    int key = 0;
    wasm_bpf_map_operate(fd, 1, &key, &packets, 0, 0);
    key = 1;
    wasm_bpf_map_operate(fd, 1, &key, &sockops, 0, 0);
    printf("packets %llu sockops %llu\n", packets, sockops);
    wasm_close_bpf_object(obj);
    return 0;
}

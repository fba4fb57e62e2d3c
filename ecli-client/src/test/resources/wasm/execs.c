/* A wasm-bpf module: loads the object embedded in execs.bpf.h, prints execs whose comm is argv[1], then
 * reads and clears the per-pid counts through wasm_bpf_map_operate. argv[2] picks an abuse instead. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "execs.bpf.h"

#define IMPORT(name) __attribute__((import_module("wasm_bpf"), import_name(#name)))
IMPORT(wasm_load_bpf_object) uint64_t wasm_load_bpf_object(const void *obj, int size);
IMPORT(wasm_attach_bpf_program) int wasm_attach_bpf_program(uint64_t obj, const char *name, const char *target);
IMPORT(wasm_bpf_buffer_poll) int wasm_bpf_buffer_poll(uint64_t obj, int fd, int32_t sample, uint32_t ctx,
                                                      char *data, int max_size, int timeout_ms);
IMPORT(wasm_bpf_map_fd_by_name) int wasm_bpf_map_fd_by_name(uint64_t obj, const char *name);
IMPORT(wasm_bpf_map_operate) int wasm_bpf_map_operate(int fd, int cmd, void *key, void *value, void *next_key,
                                                      uint64_t flags);
IMPORT(wasm_close_bpf_object) int wasm_close_bpf_object(uint64_t obj);

struct event {
    int pid;
    char comm[16];
};

static const char *wanted;
static int seen;

static int on_event(void *ctx, void *data, size_t size) {
    const struct event *e = data;
    if (size >= sizeof(*e) && strcmp(e->comm, wanted) == 0) {
        printf("exec %s\n", e->comm);
        fflush(stdout);
        seen++;
    }
    return 0;
}

int main(int argc, char **argv) {
    wanted = argc > 1 ? argv[1] : "true";
    const char *abuse = argc > 2 ? argv[2] : "";
    uint64_t obj = wasm_load_bpf_object(execs_bpf_o, (int) execs_bpf_o_len);
    if (!obj) {
        fprintf(stderr, "cannot load the object\n");
        return 1;
    }
    if (!strcmp(abuse, "bad-handle")) {
        return wasm_attach_bpf_program(obj + 41, "handle_exec", "");
    }
    if (!strcmp(abuse, "bad-pointer")) {
        return wasm_bpf_map_fd_by_name(obj, (const char *) 0x7ffffff0);
    }
    if (wasm_attach_bpf_program(obj, "handle_exec", "") < 0) {
        fprintf(stderr, "cannot attach\n");
        return 1;
    }
    int events = wasm_bpf_map_fd_by_name(obj, "events");
    int counts = wasm_bpf_map_fd_by_name(obj, "counts");
    if (!strcmp(abuse, "foreign-fd")) {
        int key = 0;
        unsigned long long value;
        return wasm_bpf_map_operate(0, 1, &key, &value, 0, 0);
    }
    printf("attached\n");
    fflush(stdout);
    char buf[64];
    for (int i = 0; i < 300 && seen < 3; i++) {
        wasm_bpf_buffer_poll(obj, events, (int32_t) (uintptr_t) on_event, 0, buf, sizeof(buf), 100);
    }
    int key, next, n = 0;
    unsigned long long value;
    int *at = 0;
    while (wasm_bpf_map_operate(counts, 4, at, 0, &next, 0) == 0) {
        if (wasm_bpf_map_operate(counts, 1, &next, &value, 0, 0) == 0) {
            n++;
        }
        key = next;
        at = &key;
    }
    for (int i = 0; i < 2; i++) { /* clear what was counted */
        at = 0;
        while (wasm_bpf_map_operate(counts, 4, at, 0, &next, 0) == 0) {
            wasm_bpf_map_operate(counts, 3, &next, 0, 0, 0);
        }
    }
    int left = wasm_bpf_map_operate(counts, 4, 0, 0, &next, 0);
    printf("counted %d pids, cleared: %s\n", n, left < 0 ? "yes" : "no");
    wasm_close_bpf_object(obj);
    return seen >= 3 ? 0 : 3;
}

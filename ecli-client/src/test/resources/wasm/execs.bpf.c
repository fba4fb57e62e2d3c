/* Test object for wasm_bpf: each exec sends {pid, comm} through a ring buffer and counts per pid in a hash. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct event {
    int pid;
    char comm[16];
};

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 256 * 1024);
} events SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 1024);
    __type(key, int);
    __type(value, unsigned long long);
} counts SEC(".maps");

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx) {
    int pid = bpf_get_current_pid_tgid() >> 32;
    unsigned long long one = 1, *n = bpf_map_lookup_elem(&counts, &pid);
    if (n) {
        __sync_fetch_and_add(n, 1);
    } else {
        bpf_map_update_elem(&counts, &pid, &one, BPF_ANY);
    }
    struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
    if (!e) {
        return 0;
    }
    e->pid = pid;
    bpf_get_current_comm(e->comm, sizeof(e->comm));
    bpf_ringbuf_submit(e, 0);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";

/* Test object for attach_target: an XDP program counting packets of the interface the module names, and a
 * sockops program counting socket operations of the cgroup it names. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 2);
    __type(key, int);
    __type(value, unsigned long long);
} counts SEC(".maps");

static void count(int slot) {
    unsigned long long *n = bpf_map_lookup_elem(&counts, &slot);
    if (n) {
        __sync_fetch_and_add(n, 1);
    }
}

SEC("xdp")
int on_packet(struct xdp_md *ctx) {
    count(0);
    return XDP_PASS;
}

SEC("sockops")
int on_sockop(struct bpf_sock_ops *ops) {
    count(1);
    return 1;
}

char LICENSE[] SEC("license") = "GPL";

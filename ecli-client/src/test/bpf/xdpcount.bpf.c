// Counts the packets an interface receives, in XDP, and lets them all pass.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

/// Packets seen, printed every second
/// @sample {"interval": 500, "type": "default_kv"}
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} packets SEC(".maps");

/// Counts each packet
/// @ifindex 1
/// @flags 2
SEC("xdp")
int count_packets(struct xdp_md *ctx)
{
	__u32 key = 0;
	__u64 *n = bpf_map_lookup_elem(&packets, &key);

	if (n)
		__sync_fetch_and_add(n, 1);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";

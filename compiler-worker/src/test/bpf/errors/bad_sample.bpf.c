#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

/// @sample {"interval": 1000, "type": "log2_hist"
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, u32);
	__type(value, u64);
} hists SEC(".maps");

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";

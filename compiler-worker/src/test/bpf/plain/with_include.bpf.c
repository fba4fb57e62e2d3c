// Needs -I plain/inc for counter_config.h.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "counter_config.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, COUNTER_MAX_ENTRIES);
	__type(key, u32);
	__type(value, u64);
} counts SEC(".maps");

SEC("tp/sched/sched_process_exec")
int count_exec(void *ctx)
{
	u32 key = 0;
	u64 *v = bpf_map_lookup_elem(&counts, &key);

	if (v)
		__sync_fetch_and_add(v, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";

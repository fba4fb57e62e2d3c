#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} rb SEC(".maps");

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	int *v = bpf_ringbuf_reserve(&rb, sizeof(int), 0);
	if (v)
		bpf_ringbuf_submit(v, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";

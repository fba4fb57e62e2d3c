// A ring buffer program whose export header declares no struct: it compiles with no export type, and
// runs without printing its events.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "no_struct.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} names SEC(".maps");

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	char *name = bpf_ringbuf_reserve(&names, MAX_NAME, 0);

	if (!name)
		return 0;
	bpf_get_current_comm(name, MAX_NAME);
	bpf_ringbuf_submit(name, 0);
	return KIND_EXEC - 1;
}

char LICENSE[] SEC("license") = "GPL";

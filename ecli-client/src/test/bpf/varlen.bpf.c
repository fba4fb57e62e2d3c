// Records shorter than their struct, the way tools submit variable-length data: the ring buffer gets
// the struct cut five bytes into args, the perf array cut eight bytes into comm (a perf record's size
// is rounded to 8 bytes with its 4-byte length, so 4 + 8 is a size it reports exactly). ecli must print
// what arrived and report the rest as absent.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "varlen.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} ring SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} perf SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct varlen_event);
} scratch SEC(".maps");

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	__u32 zero = 0;
	struct varlen_event *e = bpf_map_lookup_elem(&scratch, &zero);

	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	__builtin_memcpy(e->comm, "abcdefghijklmno", 16);
	__builtin_memcpy(e->args, "hello world", 12);
	e->after = 42;
	bpf_ringbuf_output(&ring, e, __builtin_offsetof(struct varlen_event, args) + 5, 0);
	bpf_perf_event_output(ctx, &perf, BPF_F_CURRENT_CPU, e, __builtin_offsetof(struct varlen_event, comm) + 8);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";

// Reads key 1 of its settings map on every exec and reports it; used to test maps[].data and attach edits.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "config.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, struct setting);
} settings SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} readings SEC(".maps");

/// Reports setting 1 on every exec
SEC("tp/sched/sched_process_exec")
int report(void *ctx)
{
	__u32 key = 1;
	struct setting *s = bpf_map_lookup_elem(&settings, &key);
	struct reading *r;

	r = bpf_ringbuf_reserve(&readings, sizeof(*r), 0);
	if (!r)
		return 0;
	r->key = key;
	r->level = s ? s->level : 0;
	if (s)
		__builtin_memcpy(r->tag, s->tag, sizeof(r->tag));
	else
		r->tag[0] = 0;
	bpf_get_current_comm(r->comm, sizeof(r->comm));
	bpf_ringbuf_submit(r, 0);
	return 0;
}

/// Test program for package edits.
char LICENSE[] SEC("license") = "GPL";

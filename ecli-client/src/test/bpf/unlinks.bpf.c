// fentry on a kernel function, which ecli can point at another function by editing progs[].attach.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "unlinks.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} calls SEC(".maps");

/// Entry of do_unlinkat
SEC("fentry/do_unlinkat")
int BPF_PROG(on_call)
{
	struct unlink_event *e = bpf_ringbuf_reserve(&calls, sizeof(*e), 0);

	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_ringbuf_submit(e, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";

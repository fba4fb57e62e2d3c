// A tp_btf program whose tracepoint libbpf fixes at load time; the tests move it to another one.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "procs.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} procs SEC(".maps");

/// A process event, with the process's exit code (0 until it exits)
SEC("tp_btf/sched_process_exec")
int BPF_PROG(on_proc, struct task_struct *p)
{
	struct procs_event *e = bpf_ringbuf_reserve(&procs, sizeof(*e), 0);

	if (!e)
		return 0;
	e->pid = BPF_CORE_READ(p, tgid);
	e->code = (BPF_CORE_READ(p, exit_code) >> 8) & 0xff;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_ringbuf_submit(e, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";

// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
// Reaches through task_struct with CO-RE, so the object's BTF holds many forward-declared kernel types:
// the part of an object whose order clang-19 once let depend on the paths it was given.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "lineage.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} lineage SEC(".maps");

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct lineage_event *e = bpf_ringbuf_reserve(&lineage, sizeof(*e), 0);

	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->parent = BPF_CORE_READ(task, real_parent, tgid);
	e->grandparent = BPF_CORE_READ(task, real_parent, real_parent, tgid);
	bpf_get_current_comm(&e->comm, sizeof(e->comm));
	bpf_ringbuf_submit(e, 0);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";

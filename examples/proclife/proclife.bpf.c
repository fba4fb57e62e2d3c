// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
// proclife, the kernel half: send each exec() and each process exit, with a timestamp, to user space. The
// wasm module (proclife.c) pairs them and computes how long each process lived; nothing is kept here.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "proclife.h"

/// Execs and exits, through a ring buffer
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

static __always_inline int send(unsigned char kind, unsigned int exit_code)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct lifetime_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

	if (!e)
		return 0;
	e->ts_ns = bpf_ktime_get_ns();
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->ppid = BPF_CORE_READ(task, real_parent, tgid);
	e->exit_code = exit_code;
	e->kind = kind;
	bpf_get_current_comm(&e->comm, sizeof(e->comm));
	bpf_ringbuf_submit(e, 0);
	return 0;
}

/// A process called exec()
SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	return send(PROC_EXEC, 0);
}

/// A process (its last thread) exited
SEC("tp/sched/sched_process_exit")
int handle_exit(void *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	u64 id = bpf_get_current_pid_tgid();

	if (id >> 32 != (u32)id)
		return 0;
	return send(PROC_EXIT, (BPF_CORE_READ(task, exit_code) >> 8) & 0xff);
}

/// @brief Process lifetimes: each process that exec()ed and exited, with how long it ran and its exit code.
/// @details A wasm-bpf tool: the object sends execs and exits; the module (proclife.c) pairs them, computes
/// the lifetime and filters on it (--min-duration-ms).
/// @version 1.0.0
char LICENSE[] SEC("license") = "Dual BSD/GPL";

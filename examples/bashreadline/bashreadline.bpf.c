// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
// bashreadline: print the command lines typed into bash, from the return value of its readline() function.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bashreadline.h"

/// Only report lines read by this process (0: every process)
/// @cmdarg {"short": "p", "long": "pid"}
const volatile pid_t targ_pid = 0;

/// The lines, through a ring buffer
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} events SEC(".maps");

/// readline() returned the line the user typed; attach it to another binary with ecli's --uprobe-binary
SEC("uretprobe//bin/bash:readline")
int BPF_KRETPROBE(printret, const void *ret)
{
	struct line_event *e;
	u32 pid;

	if (!ret)
		return 0;
	pid = bpf_get_current_pid_tgid() >> 32;
	if (targ_pid && targ_pid != pid)
		return 0;

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = pid;
	bpf_get_current_comm(&e->comm, sizeof(e->comm));
	bpf_probe_read_user_str(&e->line, sizeof(e->line), ret);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

/// @brief Print the lines typed into bash (or any program's readline()).
/// @version 1.0.0
char LICENSE[] SEC("license") = "Dual BSD/GPL";

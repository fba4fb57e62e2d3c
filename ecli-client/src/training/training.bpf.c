// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
// The program the build runs `ecli run --dry-run` on to record ecli's class-data-sharing archive: it uses
// the common paths (flags of several types, a ring buffer with an export struct, a sampled map).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "training.h"

/// A pid to filter on
const volatile pid_t pid_filter = 0;
/// A switch
const volatile bool verbose_events = false;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

/// @sample {"interval": 1000, "type": "log2_hist"}
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, struct training_hist);
} hists SEC(".maps");

/// Sends an event per exec
SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	struct training_event *e;
	__u32 pid = bpf_get_current_pid_tgid() >> 32;

	if (pid_filter && pid != pid_filter)
		return 0;
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = pid;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_ringbuf_submit(e, 0);
	return 0;
}

/// Training program for ecli's start-up archive.
char LICENSE[] SEC("license") = "GPL";

// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
// Benchmark program: one ring-buffer event per getppid() call of the generator process.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "ringbench.h"

/// The generator's pid
const volatile pid_t target_pid = 0;

/// Events that did not fit in the ring
__u64 dropped;
__u64 seq;

/// 16 MiB of events
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16 << 20);
} events SEC(".maps");

/// One event per getppid() of the generator
SEC("tp/syscalls/sys_enter_getppid")
int on_getppid(void *ctx)
{
	struct bench_event *e;

	if ((bpf_get_current_pid_tgid() >> 32) != target_pid)
		return 0;
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e) {
		__sync_fetch_and_add(&dropped, 1);
		return 0;
	}
	e->seq = __sync_fetch_and_add(&seq, 1);
	e->ts = bpf_ktime_get_ns();
	e->pid = target_pid;
	e->cpu = bpf_get_smp_processor_id();
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	__builtin_memcpy(e->note, "ring buffer benchmark event", 28);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

/// Ring buffer benchmark.
char LICENSE[] SEC("license") = "GPL";

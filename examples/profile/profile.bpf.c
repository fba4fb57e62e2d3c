// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
// profile: a CPU profiler. Samples what runs on every CPU at a fixed rate (a perf_event program on the
// software cpu-clock event) and counts the samples per process and stack; ecli prints the most sampled
// stacks with kernel and user symbols.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "profile.h"

#define MAX_ENTRIES 16384

/// Only sample this process (0: every process)
/// @cmdarg {"short": "p", "long": "pid"}
const volatile pid_t targ_tgid = 0;

/// Leave user stacks out (kernel only)
const volatile bool kernel_only = false;

/// The stacks the samples were taken in, by id
struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, MAX_STACK_DEPTH * sizeof(__u64));
	__uint(max_entries, MAX_ENTRIES);
} stacks SEC(".maps");

/// Samples per process and stack; the most sampled are printed every 2 seconds, then counting starts again
/// @sample {"interval": 2000, "type": "default_kv", "clear_map": true}
/// @stacks {"map": "stacks", "kernel": "kstack", "user": "ustack", "top": 5}
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MAX_ENTRIES);
	__type(key, struct stack_key);
	__type(value, __u64);
} samples SEC(".maps");

/// Taken 99 times a second on each CPU (--sample-freq changes it)
/// @perfevent {"frequency": 99}
SEC("perf_event")
int do_sample(struct bpf_perf_event_data *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	struct stack_key key = {};
	__u64 one = 1, *count;

	if (pid == 0)
		return 0; /* the idle task */
	if (targ_tgid && targ_tgid != pid)
		return 0;
	key.pid = pid;
	bpf_get_current_comm(&key.comm, sizeof(key.comm));
	key.kstack = bpf_get_stackid(ctx, &stacks, 0);
	key.ustack = kernel_only ? -1 : bpf_get_stackid(ctx, &stacks, BPF_F_USER_STACK);
	count = bpf_map_lookup_elem(&samples, &key);
	if (count)
		__sync_fetch_and_add(count, 1);
	else
		bpf_map_update_elem(&samples, &key, &one, BPF_NOEXIST);
	return 0;
}

/// @brief Sample the CPUs and print the most sampled stacks, every 2 seconds.
/// @details A perf_event program on every CPU's cpu-clock, 99 times a second (--sample-freq), counting
/// samples per process, kernel stack and user stack. ecli names kernel frames from /proc/kallsyms and user
/// frames from the symbol tables of the mapped files.
/// @version 1.0.0
char LICENSE[] SEC("license") = "GPL";

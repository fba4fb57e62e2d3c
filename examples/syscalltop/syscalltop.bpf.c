// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
// syscalltop, the kernel half: count system calls per process in a hash map. The wasm module
// (syscalltop.c) reads the map every interval, prints the busiest processes and clears it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "syscalltop.h"

/// System calls per process (pid), read and cleared by the module
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, u32);
	__type(value, struct syscall_count);
} counts SEC(".maps");

/// Any system call entered
SEC("tp/raw_syscalls/sys_enter")
int count_syscall(void *ctx)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	struct syscall_count *c = bpf_map_lookup_elem(&counts, &pid);

	if (c) {
		__sync_fetch_and_add(&c->calls, 1);
		return 0;
	}
	struct syscall_count first = { .calls = 1 };
	bpf_get_current_comm(&first.comm, sizeof(first.comm));
	bpf_map_update_elem(&counts, &pid, &first, BPF_NOEXIST);
	return 0;
}

/// A process called exec(): its entry takes the new name, or the calls made before the exec() would be shown
/// under the parent's
SEC("tp/sched/sched_process_exec")
int rename_on_exec(void *ctx)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	struct syscall_count *c = bpf_map_lookup_elem(&counts, &pid);

	if (c)
		bpf_get_current_comm(&c->comm, sizeof(c->comm));
	return 0;
}

/// @brief The processes making the most system calls, every interval (a top for system calls).
/// @details A wasm-bpf tool: the object counts system calls per process; the module (syscalltop.c) reads
/// the counts through wasm_bpf_map_operate every --interval seconds, prints the --top busiest and clears them.
/// @version 1.0.0
char LICENSE[] SEC("license") = "Dual BSD/GPL";

// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
// opensnoop: trace open(2) and openat(2) system-wide: who opened which file, with which flags, and the result.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "opensnoop.h"

/* The arguments saved at syscall entry, completed at exit. */
struct args_t {
	const char *fname;
	int flags;
};

/// Process ID to trace (0: every process)
/// @cmdarg {"default": 0, "short": "p", "long": "pid_target"}
const volatile pid_t pid_target = 0;

/// Thread ID to trace (0: every thread)
/// @cmdarg {"default": 0, "short": "t", "long": "tid_target"}
const volatile pid_t tid_target = 0;

/// User ID to trace (-1: every user)
/// @cmdarg {"default": -1, "short": "u", "long": "uid_target"}
const volatile int uid_target = -1;

/// Only show failed opens
/// @cmdarg {"default": false, "long": "failed"}
const volatile bool targ_failed = false;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, struct args_t);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} events SEC(".maps");

static __always_inline bool trace_allowed(__u32 pid, __u32 tid)
{
	__u32 uid;

	if (pid_target && pid_target != pid)
		return false;
	if (tid_target && tid_target != tid)
		return false;
	if (uid_target != -1) {
		uid = (__u32)bpf_get_current_uid_gid();
		if (uid_target != uid)
			return false;
	}
	return true;
}

static __always_inline int trace_enter(const char *filename, int flags)
{
	__u64 id = bpf_get_current_pid_tgid();
	__u32 pid = id >> 32;
	__u32 tid = id;
	struct args_t args = {};

	if (!trace_allowed(pid, tid))
		return 0;
	args.fname = filename;
	args.flags = flags;
	bpf_map_update_elem(&start, &tid, &args, 0);
	return 0;
}

static __always_inline int trace_exit(struct trace_event_raw_sys_exit *ctx)
{
	struct event event = {};
	struct args_t *ap;
	int ret;
	__u32 tid = bpf_get_current_pid_tgid();

	ap = bpf_map_lookup_elem(&start, &tid);
	if (!ap)
		return 0; /* missed entry */
	ret = ctx->ret;
	if (targ_failed && ret >= 0)
		goto cleanup; /* want failed only */

	/* event data */
	event.pid = bpf_get_current_pid_tgid() >> 32;
	event.uid = bpf_get_current_uid_gid();
	bpf_get_current_comm(&event.comm, sizeof(event.comm));
	bpf_probe_read_user_str(&event.fname, sizeof(event.fname), ap->fname);
	event.flags = ap->flags;
	event.ret = ret;
	event.ts = bpf_ktime_get_ns();

	/* emit event */
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &event, sizeof(event));

cleanup:
	bpf_map_delete_elem(&start, &tid);
	return 0;
}

/// open(path, flags) entered
SEC("tracepoint/syscalls/sys_enter_open")
int tracepoint__syscalls__sys_enter_open(struct trace_event_raw_sys_enter *ctx)
{
	return trace_enter((const char *)ctx->args[0], (int)ctx->args[1]);
}

/// openat(dirfd, path, flags) entered
SEC("tracepoint/syscalls/sys_enter_openat")
int tracepoint__syscalls__sys_enter_openat(struct trace_event_raw_sys_enter *ctx)
{
	return trace_enter((const char *)ctx->args[1], (int)ctx->args[2]);
}

/// open returned
SEC("tracepoint/syscalls/sys_exit_open")
int tracepoint__syscalls__sys_exit_open(struct trace_event_raw_sys_exit *ctx)
{
	return trace_exit(ctx);
}

/// openat returned
SEC("tracepoint/syscalls/sys_exit_openat")
int tracepoint__syscalls__sys_exit_openat(struct trace_event_raw_sys_exit *ctx)
{
	return trace_exit(ctx);
}

/// Trace open family syscalls.
char LICENSE[] SEC("license") = "Dual BSD/GPL";

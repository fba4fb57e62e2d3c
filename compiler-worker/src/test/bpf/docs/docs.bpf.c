// Every doc-comment form ecc understands. Compiled by the compiler tests.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "docs.h"

/// Process ID to trace.
/// A second line joins the first.
const volatile pid_t pid_target = 0;

/// @cmdarg {"default": 3, "short": "s", "long": "sig",
///          "help": "the signal to watch"}
/// @description Signal number
const volatile int target_signal = 0;

/// @cmdarg {"default": false, "long": "failed"}
/// Only failures
const volatile bool failed_only = false;

/** A block comment works too. */
const volatile unsigned long long min_ns = 1000;

/// 42
const volatile int looks_like_json = 0;

/// @unit ms
/// @weight 3
/// @flag
const volatile unsigned int custom_keys = 0;

// A plain comment is not documentation.
const volatile char name_filter[16] = "";

/// @sample {"interval": 500, "type": "log2_hist", "unit": "nsecs", "clear_map": true}
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, u32);
	__type(value, struct doc_sample);
} hists SEC(".maps");

/// The events
/// @intepreter {"stack_trace": {"field_map": {"pid": "pid"}, "with_symbols": false}}
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

/// Called when a process starts
/// @flag custom flag text
SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	struct doc_sample *s;
	u32 key = 0;

	s = bpf_ringbuf_reserve(&events, sizeof(*s), 0);
	if (!s)
		return 0;
	s->pid = pid_target + target_signal + failed_only + min_ns + looks_like_json + custom_keys + name_filter[0];
	bpf_map_update_elem(&hists, &key, s, BPF_ANY);
	bpf_ringbuf_submit(s, 0);
	return 0;
}

/// @tchook {"ifindex": 2, "attach_point": "BPF_TC_EGRESS"}
/// @tcopts {"handle": 5, "priority": 7}
SEC("tc")
int tc_egress(struct __sk_buff *skb)
{
	return 0;
}

/// @ifindex 3
/// @flags 2
/// @xdpopts {"old_prog_fd": 0}
SEC("xdp")
int xdp_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}

/// Written with a macro, which clang attaches no comment to
/// @flag raw
SEC("raw_tp/sched_switch")
int BPF_PROG(on_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	return 0;
}

/**
 * A block comment on a macro-written program.
 * @unit usecs
 */
SEC("raw_tp/sched_wakeup")
int BPF_PROG(on_wakeup, struct task_struct *p)
{
	return 0;
}

/// @brief A test program.
/// @details First line of details,
/// second line of details.
/// @version 0.1
/// @author someone
char LICENSE[] SEC("license") = "GPL";

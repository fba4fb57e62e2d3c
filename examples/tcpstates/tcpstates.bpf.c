// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
// tcpstates: trace TCP state changes, with how long the socket spent in the state it leaves.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "tcpstates.h"

#define AF_INET 2
#define AF_INET6 10
#define IPPROTO_TCP 6

/// Only trace this address family: 2 for IPv4, 10 for IPv6 (0: both)
/// @cmdarg {"long": "family"}
const volatile short target_family = 0;

/// Only trace sockets with this local port (0: any)
/// @cmdarg {"long": "sport"}
const volatile unsigned short target_sport = 0;

/// Only trace sockets with this remote port (0: any)
/// @cmdarg {"long": "dport"}
const volatile unsigned short target_dport = 0;

/// When each socket entered its current state
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, struct sock *);
	__type(value, __u64);
} timestamps SEC(".maps");

/// The state changes
struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} events SEC(".maps");

/// A socket changed state
SEC("tracepoint/sock/inet_sock_set_state")
int handle_set_state(struct trace_event_raw_inet_sock_set_state *ctx)
{
	struct sock *sk = (struct sock *)ctx->skaddr;
	__u16 family = ctx->family;
	__u16 sport = ctx->sport;
	__u16 dport = ctx->dport;
	struct event event = {};
	__u64 *tsp, ts;

	if (ctx->protocol != IPPROTO_TCP)
		return 0;
	if (target_family && target_family != family)
		return 0;
	if (target_sport && target_sport != sport)
		return 0;
	if (target_dport && target_dport != dport)
		return 0;

	ts = bpf_ktime_get_ns();
	tsp = bpf_map_lookup_elem(&timestamps, &sk);
	event.delta_us = tsp ? (ts - *tsp) / 1000 : 0;
	event.skaddr = (__u64)sk;
	event.ts_us = ts / 1000;
	event.pid = bpf_get_current_pid_tgid() >> 32;
	event.oldstate = ctx->oldstate;
	event.newstate = ctx->newstate;
	event.family = family;
	event.sport = sport;
	event.dport = dport;
	bpf_get_current_comm(&event.task, sizeof(event.task));
	if (family == AF_INET) {
		bpf_probe_read_kernel(&event.saddr, 4, ctx->saddr);
		bpf_probe_read_kernel(&event.daddr, 4, ctx->daddr);
	} else {
		bpf_probe_read_kernel(&event.saddr, 16, ctx->saddr_v6);
		bpf_probe_read_kernel(&event.daddr, 16, ctx->daddr_v6);
	}
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &event, sizeof(event));

	if (ctx->newstate == TCPS_CLOSE)
		bpf_map_delete_elem(&timestamps, &sk);
	else
		bpf_map_update_elem(&timestamps, &sk, &ts, BPF_ANY);
	return 0;
}

/// @brief Trace TCP state changes and how long each socket spent in each state.
/// @version 1.0.0
char LICENSE[] SEC("license") = "Dual BSD/GPL";

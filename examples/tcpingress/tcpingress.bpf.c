// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
// tcpingress: count the packets arriving on an interface, by IP protocol, with a tc ingress classifier.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "tcpingress.h"

#define ETH_P_IP 0x0800
#define ETH_P_IPV6 0x86DD
#define TC_ACT_OK 0

/// Only count packets of this IP protocol (0: every protocol; 1: ICMP, 6: TCP, 17: UDP, 58: ICMPv6)
/// @cmdarg {"long": "proto"}
const volatile int target_proto = 0;

/// Packets and bytes by IP protocol number, printed every second
/// @sample {"interval": 1000, "type": "default_kv"}
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, struct proto_stats);
} packets SEC(".maps");

/// Count each IPv4 and IPv6 packet, then let it through
/// @tchook {"ifindex": 1, "attach_point": "BPF_TC_INGRESS"}
/// @tcopts {"handle": 1, "priority": 1}
SEC("tc")
int tc_ingress(struct __sk_buff *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct proto_stats *stats, zero = {};
	__u32 proto;

	if ((void *)(eth + 1) > data_end)
		return TC_ACT_OK;
	if (eth->h_proto == bpf_htons(ETH_P_IP)) {
		struct iphdr *ip = (void *)(eth + 1);

		if ((void *)(ip + 1) > data_end)
			return TC_ACT_OK;
		proto = ip->protocol;
	} else if (eth->h_proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = (void *)(eth + 1);

		if ((void *)(ip6 + 1) > data_end)
			return TC_ACT_OK;
		proto = ip6->nexthdr;
	} else {
		return TC_ACT_OK;
	}
	if (target_proto && proto != target_proto)
		return TC_ACT_OK;

	stats = bpf_map_lookup_elem(&packets, &proto);
	if (!stats) {
		bpf_map_update_elem(&packets, &proto, &zero, BPF_NOEXIST);
		stats = bpf_map_lookup_elem(&packets, &proto);
		if (!stats)
			return TC_ACT_OK;
	}
	__sync_fetch_and_add(&stats->packets, 1);
	__sync_fetch_and_add(&stats->bytes, ctx->len);
	return TC_ACT_OK;
}

/// @brief Count the packets arriving on an interface (lo by default), by IP protocol.
/// @version 1.0.0
char LICENSE[] SEC("license") = "GPL";

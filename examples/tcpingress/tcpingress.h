/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
#ifndef __TCPINGRESS_H
#define __TCPINGRESS_H

/* Packets and bytes received for one IP protocol. */
struct proto_stats {
	__u64 packets;
	__u64 bytes;
};

#endif /* __TCPINGRESS_H */

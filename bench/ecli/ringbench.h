/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
#ifndef __RINGBENCH_H
#define __RINGBENCH_H

/* One event of the ring-buffer benchmark. */
struct bench_event {
	__u64 seq;
	__u64 ts;
	__u32 pid;
	__u32 cpu;
	char comm[16];
	char note[32];
};

#endif

/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
#ifndef __PROFILE_H
#define __PROFILE_H

#define TASK_COMM_LEN 16
#define MAX_STACK_DEPTH 127

/* What the samples are counted by: a process and its kernel and user stacks (ids in the stacks map; a
 * negative id means there was none, as for the user stack of a kernel thread). */
struct stack_key {
	__u32 pid;
	__s32 kstack;
	__s32 ustack;
	char comm[TASK_COMM_LEN];
};

#endif /* __PROFILE_H */

/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
#ifndef __BASHREADLINE_H
#define __BASHREADLINE_H

#define TASK_COMM_LEN 16
#define MAX_LINE_SIZE 80

/* A line a user typed. */
struct line_event {
	__u32 pid;
	char comm[TASK_COMM_LEN];
	char line[MAX_LINE_SIZE];
};

#endif /* __BASHREADLINE_H */

/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
#ifndef __PROCLIFE_H
#define __PROCLIFE_H

#define TASK_COMM_LEN 16

enum lifetime_event_kind {
	PROC_EXEC = 1,
	PROC_EXIT = 2,
};

/* A process called exec() or exited; the module pairs the two by pid. */
struct lifetime_event {
	unsigned long long ts_ns;
	int pid;
	int ppid;
	unsigned int exit_code;
	unsigned char kind;
	char comm[TASK_COMM_LEN];
};

#endif /* __PROCLIFE_H */

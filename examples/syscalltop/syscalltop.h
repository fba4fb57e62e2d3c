/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
#ifndef __SYSCALLTOP_H
#define __SYSCALLTOP_H

#define TASK_COMM_LEN 16

/* System calls made by one process since the module last read and cleared the map. */
struct syscall_count {
	unsigned long long calls;
	char comm[TASK_COMM_LEN];
};

#endif /* __SYSCALLTOP_H */

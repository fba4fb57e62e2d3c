/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
#ifndef __LINEAGE_H
#define __LINEAGE_H

struct lineage_event {
	int pid;
	int parent;
	int grandparent;
	char comm[16];
};

#endif

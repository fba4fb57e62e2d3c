#ifndef PROCS_H
#define PROCS_H

struct procs_event {
	__u32 pid;
	__u32 code;
	char comm[16];
};

#endif

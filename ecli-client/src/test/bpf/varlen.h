#ifndef VARLEN_H
#define VARLEN_H

/* An exec event as many tools send it: only the bytes filled in, so the record is shorter than the struct. */
struct varlen_event {
	__u32 pid;
	char comm[16];
	char args[32];
	__u64 after;
};

#endif

#ifndef UNLINKS_H
#define UNLINKS_H

struct unlink_event {
	__u32 pid;
	char comm[16];
};

#endif

#ifndef MULTI_H
#define MULTI_H

struct exec_event {
	__u32 pid;
	char comm[16];
};

struct exit_event {
	__u32 pid;
	int code;
};

#endif

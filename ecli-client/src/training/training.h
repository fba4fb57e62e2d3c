#ifndef TRAINING_H
#define TRAINING_H

struct training_event {
	__u32 pid;
	char comm[16];
};

struct training_hist {
	__u32 slots[26];
};

#endif

#ifndef VALUES_H
#define VALUES_H

enum mode { MODE_OFF = 0, MODE_FAST = 1, MODE_SLOW = 7 };

/* The program's settings, sent back as they were written into .rodata/.bss/.data. */
struct settings {
	__s8 i8;
	__u8 u8;
	__s16 i16;
	__u16 u16;
	__s32 i32;
	__u32 u32;
	__s64 i64;
	__u64 u64;
	pid_t pid;
	uid_t uid;
	unsigned long ul;
	bool flag;
	bool on_by_default;
	char name[16];
	float f;
	double d;
	enum mode m;
	int counter;
	int from_data;
};

#endif

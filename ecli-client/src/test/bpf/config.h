#ifndef CONFIG_H
#define CONFIG_H

/* A setting stored in a map, which the package's maps[].data fills. */
struct setting {
	__u32 level;
	char tag[8];
};

struct reading {
	__u32 key;
	__u32 level;
	char tag[8];
	char comm[16];
};

#endif

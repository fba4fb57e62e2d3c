// An object with a map and no program, as a package built elsewhere may be: ecli must say it has no
// programs rather than print an empty list of attachments.
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

enum { BPF_MAP_TYPE_ARRAY = 2 };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, long long);
} totals SEC(".maps");

char LICENSE[] SEC("license") = "GPL";

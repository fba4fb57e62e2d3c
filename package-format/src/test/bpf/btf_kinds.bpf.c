// A self-contained BPF object (no kernel headers) with one of every BTF kind clang emits,
// for the ELF/BTF reader tests.
typedef unsigned char __u8;
typedef unsigned int __u32;
typedef unsigned long long __u64;

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

enum { BPF_MAP_TYPE_HASH = 1, BPF_MAP_TYPE_RINGBUF = 27 };

enum color { RED, GREEN = 5, MINUS = -1 };
enum level { LOW = 1, HIGH = 0xfffffff0u };

struct inner {
	int a;
	char b[3];
};

struct flags {
	unsigned int x : 3;
	unsigned int y : 5;
	int z;
};

union number {
	int i;
	float f;
};

typedef struct inner inner_t;
typedef inner_t inner_alias_t;

struct event {
	__u32 pid;
	char comm[16];
	__u32 matrix[2][3];
	struct inner in;
	inner_alias_t aliased;
	union number num;
	enum color col;
	struct flags fl;
	const volatile int *cv_ptr;
	int (*fn)(int, char *);
	int (*arr_ptr)[4];
	char *strs[2];
	unsigned __int128 wide;
	__int128 swide;
	double d;
	float f;
	_Bool ok;
	long long ll;
	unsigned long ul;
	struct inner inners[2];
	enum level lvl;
};

/* A record tools submit only partly: a flexible array at the end takes the bytes sent after it. */
struct exec_event {
	__u32 pid;
	unsigned short len;
	char comm[8];
	__u64 vals[3];
	struct inner last;
	char args[];
};

const volatile int ro_int = 7;
const volatile unsigned long long ro_ull = 1;
const volatile char ro_str[10] = "abc";
const volatile struct inner ro_struct = {};
const volatile enum color ro_color = GREEN;

int bss_int;
long long bss_ll;
static int static_counter;
struct event *event_ptr;
struct exec_event *exec_event_ptr;
__attribute__((visibility("hidden"))) int hidden_var;

int data_int = 5;
char data_c = 'x';

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, struct event);
} events_hash SEC(".maps");

static __attribute__((noinline)) int twice(int x)
{
	return x * 2 + static_counter;
}

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	struct event e = {};
	static_counter++;
	hidden_var += ro_int + (int)ro_ull + ro_str[0] + ro_struct.a + ro_color;
	bss_int = twice(bss_int);
	bss_ll += data_int + data_c;
	e.pid = bss_int;
	event_ptr = &e;
	return 0;
}

SEC("xdp")
int xdp_pass(void *ctx)
{
	return 2;
}

SEC("tp/sched/sched_process_exit")
int handle_exit(void *ctx)
{
	return twice(1);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";

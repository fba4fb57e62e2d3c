// Programs whose kernel requirements are known: a tracepoint that calls two helpers and writes a ring buffer,
// an fentry program whose helper call sits in a .text subprogram, and an xdp program that calls nothing.
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]

enum { BPF_MAP_TYPE_RINGBUF = 27 };

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

static unsigned long long (*bpf_ktime_get_ns)(void) = (void *) 5;
static unsigned long long (*bpf_get_current_pid_tgid)(void) = (void *) 14;
static long (*bpf_ringbuf_output)(void *ringbuf, void *data, unsigned long long size,
				  unsigned long long flags) = (void *) 130;

SEC("tp/syscalls/sys_enter_kill")
int on_kill(void *ctx)
{
	unsigned long long id = bpf_get_current_pid_tgid();
	bpf_ringbuf_output(&events, &id, sizeof(id), 0);
	return 0;
}

static __attribute__((noinline)) unsigned long long stamp(void)
{
	return bpf_ktime_get_ns();
}

SEC("fentry/do_unlinkat")
int on_unlink(void *ctx)
{
	return stamp() == 0;
}

SEC("xdp")
int pass(void *ctx)
{
	return 2;
}

char LICENSE[] SEC("license") = "GPL";

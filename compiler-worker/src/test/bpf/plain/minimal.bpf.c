// No vmlinux.h: kernel UAPI headers only, like eunomia's "minimal" example. Needs the host's include
// directories (asm/types.h lives in the multiarch directory), which ecc adds.
#define BPF_NO_GLOBAL_DATA
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

typedef int pid_t;

SEC("tp/syscalls/sys_enter_write")
int handle_tp(void *ctx)
{
	pid_t pid = bpf_get_current_pid_tgid() >> 32;

	bpf_printk("BPF triggered from PID %d.\n", pid);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";

// A 32-bit comparison: built for BPF CPU v3 it is one jmp32 instruction, for v1 a 64-bit compare after
// zero-extending both sides.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

const volatile unsigned int limit = 100;

SEC("tp/syscalls/sys_enter_write")
int handle_tp(void *ctx)
{
	unsigned int pid = bpf_get_current_pid_tgid() >> 32;

	if (pid < limit)
		bpf_printk("low pid %u", pid);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";

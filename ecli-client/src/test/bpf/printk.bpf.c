// No maps at all: output goes to trace_pipe through bpf_printk.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

SEC("tp/sched/sched_process_exec")
int say(void *ctx)
{
	bpf_printk("exec");
	return 0;
}

char LICENSE[] SEC("license") = "GPL";

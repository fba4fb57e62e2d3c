#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	return undefined_variable;
}

char LICENSE[] SEC("license") = "GPL";

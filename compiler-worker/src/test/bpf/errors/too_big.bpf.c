#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* 6 MiB of initialized data: more than a package may hold. */
char big[6 << 20] = {1};

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	return big[0];
}

char LICENSE[] SEC("license") = "GPL";

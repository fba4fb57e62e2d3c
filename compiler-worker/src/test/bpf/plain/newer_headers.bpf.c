// Written for current libbpf headers: BPF_URETPROBE and bpf_for (an open-coded iterator) arrived in
// libbpf 1.2, so this compiled only once ecc moved off Debian's libbpf 1.1 headers.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

SEC("uretprobe//bin/bash:readline")
int BPF_URETPROBE(on_readline, const void *ret)
{
	int i, sum = 0;

	bpf_for(i, 0, 4)
		sum += i;
	bpf_printk("readline returned, %d", sum);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";

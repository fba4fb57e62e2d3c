// A kprobe, the most common kind of tracing program elsewhere: on kernels without kprobe support ecli
// must say that, not that the function is missing.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

SEC("kprobe/do_unlinkat")
int BPF_KPROBE(on_unlink)
{
	bpf_printk("unlink by %d", bpf_get_current_pid_tgid() >> 32);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";

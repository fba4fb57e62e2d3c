// Externs resolved by libbpf at load time: __kconfig variables, here through <bpf/usdt.bpf.h> (as every
// USDT program has them) and directly. clang emits no BTF for externs declared in a precompiled header, so
// ecc must not let one hide them: this object must be byte for byte a bare clang build's, and load.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/usdt.bpf.h>

extern unsigned int LINUX_KERNEL_VERSION __kconfig;

SEC("tp/syscalls/sys_enter_getpid")
int report(void *ctx)
{
	bpf_printk("cookies %d, kernel %u", LINUX_HAS_BPF_COOKIE, LINUX_KERNEL_VERSION);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";

// SPDX-License-Identifier: GPL-2.0
// Reads a function argument through bpf_tracing.h's PT_REGS macros, whose registers differ by architecture.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#if defined(__TARGET_ARCH_arm64) && !defined(WITHOUT_STANDIN)
/* A stand-in for the arm64 kernel's type, which the x86_64 BTF the test compiles against lacks. */
struct user_pt_regs {
	__u64 regs[31];
	__u64 sp;
	__u64 pc;
	__u64 pstate;
};
#endif
#include <bpf/bpf_tracing.h>

long seen;

SEC("uprobe//bin/bash:readline")
int BPF_UPROBE(on_readline, const void *line)
{
	seen = (long)line;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";

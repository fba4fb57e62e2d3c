#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

const volatile int unused = 0;

char LICENSE[] SEC("license") = "GPL";

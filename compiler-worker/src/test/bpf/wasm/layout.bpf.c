#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "layout.h"

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 4096);
} events SEC(".maps");

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
    struct layout_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
    if (e)
        bpf_ringbuf_submit(e, 0);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";

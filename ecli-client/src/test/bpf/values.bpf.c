// Sends back every settable global on each exec, so the tests can check what ecli wrote for each C type.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "values.h"

/// an __s8
const volatile __s8 v_i8 = -1;
/// a __u8
const volatile __u8 v_u8 = 1;
/// an __s16
const volatile __s16 v_i16 = -2;
/// a __u16
const volatile __u16 v_u16 = 2;
/// an __s32
const volatile __s32 v_i32 = -3;
/// a __u32
const volatile __u32 v_u32 = 3;
/// an __s64
const volatile __s64 v_i64 = -4;
/// a __u64
const volatile __u64 v_u64 = 4;
/// a pid_t
const volatile pid_t v_pid = 5;
/// a uid_t
const volatile uid_t v_uid = 6;
/// an unsigned long
const volatile unsigned long v_ul = 7;
/// a bool that starts false
const volatile bool v_flag = false;
/// a bool that starts true
const volatile bool v_on = true;
/// a char array
const volatile char v_name[16] = "default";
/// a float
const volatile float v_f = 1.5;
/// a double
const volatile double v_d = 2.25;
/// an enum
const volatile enum mode v_m = MODE_FAST;
/// a counter in .bss
int v_counter;
/// an int in .data
int v_data = 9;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} out SEC(".maps");

/// Sends the settings on every exec
SEC("tp/sched/sched_process_exec")
int send_settings(void *ctx)
{
	struct settings *s = bpf_ringbuf_reserve(&out, sizeof(*s), 0);

	if (!s)
		return 0;
	s->i8 = v_i8;
	s->u8 = v_u8;
	s->i16 = v_i16;
	s->u16 = v_u16;
	s->i32 = v_i32;
	s->u32 = v_u32;
	s->i64 = v_i64;
	s->u64 = v_u64;
	s->pid = v_pid;
	s->uid = v_uid;
	s->ul = v_ul;
	s->flag = v_flag;
	s->on_by_default = v_on;
	for (int i = 0; i < sizeof(s->name); i++)
		s->name[i] = v_name[i]; /* volatile reads: the value ecli wrote, not the compiled one */
	s->f = v_f;
	s->d = v_d;
	s->m = v_m;
	s->counter = v_counter;
	s->from_data = v_data;
	bpf_ringbuf_submit(s, 0);
	return 0;
}

/// Test program for ecli's value encoding.
char LICENSE[] SEC("license") = "GPL";

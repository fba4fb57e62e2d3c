// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
// Benchmark module: bench/ecli/ringbench.bpf.c's events delivered through wasm_bpf_buffer_poll. Usage:
// ringwasm PID COUNT [json]: each event's fields are read (and, with json, written with printf as a JSON line,
// as `ecli run --json` writes the declarative path's). Prints "attached" once the program is attached, and
// "events N SECONDS" (first to last event) to stderr after COUNT events, or 2 s after the last one when some
// were dropped.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "ringbench.skel.h"

static long want, got, json;
static unsigned long long checksum;
static struct timespec first, last;

static int on_event(void *ctx, void *data, size_t size)
{
	const struct bench_event *e = data;
	clock_gettime(CLOCK_MONOTONIC, &last);
	if (got++ == 0)
		first = last;
	checksum += e->seq + e->ts + e->pid + e->cpu + (unsigned char)e->comm[0] + (unsigned char)e->note[0];
	if (json)
		printf("{\"seq\":%llu,\"ts\":%llu,\"pid\":%u,\"cpu\":%u,\"comm\":\"%.16s\",\"note\":\"%.32s\"}\n",
	       (unsigned long long)e->seq, (unsigned long long)e->ts, e->pid, e->cpu, e->comm, e->note);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: ringwasm PID COUNT\n");
		return 2;
	}
	want = atol(argv[2]);
	json = argc > 3 && !strcmp(argv[3], "json");
	ringbench_bpf_set_target_pid(atoi(argv[1]));
	uint64_t obj = ringbench_bpf_load();
	if (!obj || ringbench_bpf_attach(obj) < 0)
		return 1;
	int fd = wasm_bpf_map_fd_by_name(obj, RINGBENCH_MAP_EVENTS);
	fprintf(stderr, "attached\n");
	static char buf[256];
	for (;;) {
		wasm_bpf_poll(obj, fd, on_event, 0, buf, sizeof(buf), 100);
		if (want > 0 && got >= want)
			break;
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (got > 0 && now.tv_sec - last.tv_sec >= 2)
			break;
	}
	fflush(stdout);
	double span = (last.tv_sec - first.tv_sec) + (last.tv_nsec - first.tv_nsec) / 1e9;
	fprintf(stderr, "events %ld %.6f (checksum %llu)\n", got, span, checksum);
	wasm_close_bpf_object(obj);
	return 0;
}

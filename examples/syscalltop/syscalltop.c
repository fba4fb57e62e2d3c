// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
// syscalltop, the user-space half (a wasm-bpf module): every --interval seconds, read the per-process system
// call counts from the object's hash map with wasm_bpf_map_operate, print the --top busiest and delete what
// was read. Built by
//   ecc -o OUT syscalltop.bpf.c syscalltop.h --wasm syscalltop.c
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "syscalltop.skel.h"

#define MAX_ROWS 10240

struct row {
	uint32_t pid;
	struct syscall_count count;
};
static struct row rows[MAX_ROWS];

static int busiest_first(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	return x->count.calls < y->count.calls ? 1 : x->count.calls > y->count.calls ? -1 : 0;
}

static long number(const char *flag, const char *text, long min)
{
	char *end;
	errno = 0;
	long v = text ? strtol(text, &end, 10) : -1;
	if (!text || errno || *end || v < min) {
		fprintf(stderr, "syscalltop: %s needs a whole number of at least %ld\n", flag, min);
		exit(2);
	}
	return v;
}

static void usage(FILE *to)
{
	fprintf(to, "Usage: syscalltop [--interval SECONDS] [--top N] [--count TIMES]\n\n"
		    "Every interval, print the processes that made the most system calls in it.\n\n"
		    "  --interval SECONDS  how often to print (default 1)\n"
		    "  --top N             how many processes to print (default 10)\n"
		    "  --count TIMES       stop after printing this many times (default: run until stopped)\n");
}

/* Reads every entry of the map into rows, then deletes the entries read; the number read. The walk goes
 * key to next key and the deletes come after it: this process's own map calls are system calls too, so a
 * deleted entry of its pid comes straight back. */
static int drain(int fd)
{
	uint32_t key, next;
	int n = 0;
	void *at = 0;
	while (n < MAX_ROWS && wasm_bpf_map_operate(fd, WASM_BPF_MAP_GET_NEXT_KEY, at, 0, &next, 0) == 0) {
		key = next;
		at = &key;
		if (wasm_bpf_map_operate(fd, WASM_BPF_MAP_LOOKUP_ELEM, &key, &rows[n].count, 0, 0) == 0) {
			rows[n].pid = key;
			n++;
		}
	}
	for (int i = 0; i < n; i++)
		wasm_bpf_map_operate(fd, WASM_BPF_MAP_DELETE_ELEM, &rows[i].pid, 0, 0, 0);
	return n;
}

int main(int argc, char **argv)
{
	long interval = 1, top = 10, times = -1;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--interval")) {
			interval = number(argv[i], argv[i + 1], 1);
			i++;
		} else if (!strcmp(argv[i], "--top")) {
			top = number(argv[i], argv[i + 1], 1);
			i++;
		} else if (!strcmp(argv[i], "--count")) {
			times = number(argv[i], argv[i + 1], 1);
			i++;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "syscalltop: unknown option %s\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}
	uint64_t obj = syscalltop_bpf_load();
	if (!obj)
		return 1;
	if (syscalltop_bpf_attach(obj) < 0) {
		fprintf(stderr, "syscalltop: cannot attach its programs\n");
		wasm_close_bpf_object(obj);
		return 1;
	}
	int fd = wasm_bpf_map_fd_by_name(obj, SYSCALLTOP_MAP_COUNTS);
	printf("Counting system calls: the %ld busiest processes every %ld s.\n\n", top, interval);
	fflush(stdout);
	for (long printed = 0; times < 0 || printed < times; printed++) {
		struct timespec pause = { .tv_sec = interval };
		nanosleep(&pause, 0);
		int n = drain(fd);
		qsort(rows, n, sizeof(rows[0]), busiest_first);
		time_t now = time(0);
		char when[16];
		strftime(when, sizeof(when), "%H:%M:%S", gmtime(&now));
		printf("%s  %d processes\n%-7s %-16s %10s\n", when, n, "PID", "COMM", "SYSCALLS");
		for (int i = 0; i < n && i < top; i++)
			printf("%-7u %-16.16s %10llu\n", rows[i].pid, rows[i].count.comm,
			       (unsigned long long)rows[i].count.calls);
		printf("\n");
		fflush(stdout);
	}
	wasm_close_bpf_object(obj);
	return 0;
}

// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
// proclife, the user-space half (a wasm-bpf module): pairs each process's exec() with its exit, computes how
// long it lived, and prints those that lived at least --min-duration-ms. Built by
//   ecc -o OUT proclife.bpf.c proclife.h --wasm proclife.c
// which generates proclife.skel.h (the object, embedded) and proclife.wasm.h (struct lifetime_event as the BPF
// side lays it out).
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "proclife.skel.h"

enum { PROC_EXEC = 1, PROC_EXIT = 2 };

/* Starts by pid, open addressing; a full table forgets the oldest slot it probes. */
#define SLOTS 8192
struct start {
	int pid;
	unsigned long long ts_ns;
};
static struct start starts[SLOTS];

static unsigned slot_of(int pid)
{
	return ((unsigned)pid * 2654435761u) % SLOTS;
}

static void remember(int pid, unsigned long long ts)
{
	unsigned s = slot_of(pid);
	for (int i = 0; i < 16; i++, s = (s + 1) % SLOTS) {
		if (starts[s].pid == 0 || starts[s].pid == pid)
			break;
	}
	starts[s].pid = pid;
	starts[s].ts_ns = ts;
}

static int take(int pid, unsigned long long *ts)
{
	unsigned s = slot_of(pid);
	for (int i = 0; i < 16; i++, s = (s + 1) % SLOTS) {
		if (starts[s].pid == pid) {
			*ts = starts[s].ts_ns;
			starts[s].pid = 0;
			return 1;
		}
	}
	return 0;
}

static unsigned long long min_duration_ns;
static long reports_left = -1;

static int on_event(void *ctx, void *data, size_t size)
{
	const struct lifetime_event *e = data;
	unsigned long long start;

	if (size < sizeof(*e))
		return 0;
	if (e->kind == PROC_EXEC) {
		remember(e->pid, e->ts_ns);
		return 0;
	}
	if (e->kind != PROC_EXIT || !take(e->pid, &start) || e->ts_ns - start < min_duration_ns)
		return 0;
	printf("%-7d %-7d %-16.16s %11.1f %4u\n", e->pid, e->ppid, e->comm, (e->ts_ns - start) / 1e6,
	       e->exit_code);
	fflush(stdout);
	if (reports_left > 0)
		reports_left--;
	return 0;
}

static void usage(FILE *to)
{
	fprintf(to, "Usage: proclife [--min-duration-ms MS] [--count N]\n\n"
		    "Print each process that exec()ed and exited while proclife ran, with how long it lived.\n\n"
		    "  --min-duration-ms MS  only processes that lived at least MS milliseconds (default 0)\n"
		    "  --count N             stop after N processes (default: run until stopped)\n");
}

static long number(const char *flag, const char *text)
{
	char *end;
	errno = 0;
	long v = text ? strtol(text, &end, 10) : -1;
	if (!text || errno || *end || v < 0) {
		fprintf(stderr, "proclife: %s needs a number of 0 or more\n", flag);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--min-duration-ms")) {
			min_duration_ns = (unsigned long long)number(argv[i], argv[i + 1]) * 1000000ull;
			i++;
		} else if (!strcmp(argv[i], "--count")) {
			reports_left = number(argv[i], argv[i + 1]);
			i++;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "proclife: unknown option %s\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}
	uint64_t obj = proclife_bpf_load();
	if (!obj)
		return 1;
	if (proclife_bpf_attach(obj) < 0) {
		fprintf(stderr, "proclife: cannot attach its programs\n");
		wasm_close_bpf_object(obj);
		return 1;
	}
	int events = wasm_bpf_map_fd_by_name(obj, PROCLIFE_MAP_EVENTS);
	printf("%-7s %-7s %-16s %11s %4s\n", "PID", "PPID", "COMM", "LIFETIME_MS", "EXIT");
	fflush(stdout);
	struct lifetime_event buf;
	while (reports_left != 0) {
		int err = wasm_bpf_poll(obj, events, on_event, 0, &buf, sizeof(buf), 100);
		if (err < 0 && err != -EINTR) {
			fprintf(stderr, "proclife: polling failed (%d)\n", err);
			break;
		}
	}
	wasm_close_bpf_object(obj);
	return 0;
}

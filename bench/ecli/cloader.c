// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
// The reference loader for the benchmarks: the same steps as `ecli run` in plain C with libbpf. It opens a
// BPF object from memory, sets the first .rodata variable (an int) if given, loads it, creates a ring-buffer
// consumer for the map named "events" when there is one, attaches every program, says "attached" on stderr,
// then prints each event as a JSON line until SIGINT/SIGTERM. At exit it reports events and their time span.
#include <bpf/libbpf.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct bench_event {
	unsigned long long seq;
	unsigned long long ts;
	unsigned int pid;
	unsigned int cpu;
	char comm[16];
	char note[32];
};

static volatile sig_atomic_t stop;
static long events;
static double first, last;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static void on_signal(int sig)
{
	stop = 1;
}

static int on_event(void *ctx, void *data, size_t size)
{
	const struct bench_event *e = data;

	printf("{\"seq\":%llu,\"ts\":%llu,\"pid\":%u,\"cpu\":%u,\"comm\":\"%.16s\",\"note\":\"%.32s\"}\n", e->seq, e->ts,
	       e->pid, e->cpu, e->comm, e->note);
	last = now();
	if (!events++)
		first = last;
	return 0;
}

int main(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = argc > 3 ? argv[3] : "bench");
	struct ring_buffer *rb = NULL;
	struct bpf_link *links[64];
	struct bpf_program *prog;
	struct bpf_object *obj;
	struct bpf_map *map;
	int nlinks = 0, err;
	FILE *f;
	char *buf;
	long size;

	if (argc < 2) {
		fprintf(stderr, "usage: cloader OBJECT.bpf.o [RODATA_INT [OBJ_NAME]]\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f)
		return 1;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	buf = malloc(size);
	if (fread(buf, 1, size, f) != (size_t)size)
		return 1;
	fclose(f);
	obj = bpf_object__open_mem(buf, size, &opts);
	if (!obj)
		return 1;
	if (argc > 2) {
		bpf_object__for_each_map(map, obj) {
			if (strstr(bpf_map__name(map), ".rodata")) {
				size_t sz;
				int *data = (int *)bpf_map__initial_value(map, &sz);
				if (data)
					data[0] = atoi(argv[2]);
			}
		}
	}
	err = bpf_object__load(obj);
	if (err)
		return 1;
	map = bpf_object__find_map_by_name(obj, "events");
	if (map && bpf_map__type(map) == BPF_MAP_TYPE_RINGBUF) {
		rb = ring_buffer__new(bpf_map__fd(map), on_event, NULL, NULL);
		if (!rb)
			return 1;
	}
	bpf_object__for_each_program(prog, obj) {
		links[nlinks] = bpf_program__attach(prog);
		if (!links[nlinks])
			return 1;
		nlinks++;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	fprintf(stderr, "attached\n");
	while (!stop) {
		if (rb)
			ring_buffer__poll(rb, 100);
		else
			usleep(100000);
	}
	fflush(stdout);
	fprintf(stderr, "events %ld %.6f\n", events, events > 1 ? last - first : 0.0);
	ring_buffer__free(rb);
	while (nlinks)
		bpf_link__destroy(links[--nlinks]);
	bpf_object__close(obj);
	return 0;
}

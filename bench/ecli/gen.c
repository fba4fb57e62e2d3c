// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
// Benchmark load generator: waits for a line on stdin, then calls getppid() COUNT times at RATE calls per
// second (0: as fast as it can), and prints how many calls it made and how long they took.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	long count = argc > 1 ? atol(argv[1]) : 100000;
	double rate = argc > 2 ? atof(argv[2]) : 0;
	char line[16];
	double start, end;

	printf("%d\n", getpid());
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		return 1;
	start = now();
	for (long i = 0; i < count; i++) {
		syscall(SYS_getppid);
		if (rate > 0 && (i & 63) == 63) {
			double due = start + (i + 1) / rate;
			while (now() < due)
				;
		}
	}
	end = now();
	printf("%ld %.6f\n", count, end - start);
	return 0;
}

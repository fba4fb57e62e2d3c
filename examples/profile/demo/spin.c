// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
// A process that keeps one CPU busy in a function of its own for SECONDS (default 5), for profile to find.
#include <stdlib.h>
#include <time.h>

__attribute__((noinline)) unsigned long spin_in_userspace(unsigned long n)
{
	volatile unsigned long x = 0;

	for (unsigned long i = 0; i < n; i++)
		x += i * 7;
	return x;
}

int main(int argc, char **argv)
{
	time_t end = time(NULL) + (argc > 1 ? atoi(argv[1]) : 5);

	while (time(NULL) < end)
		spin_in_userspace(10000000);
	return 0;
}

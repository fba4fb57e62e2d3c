// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
// A tiny stand-in for a shell: its readline() reads a line from standard input, and main() echoes each line.
// The tests trace this binary's readline() with bashreadline (ecli run ... --uprobe-binary readline_demo).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) char *readline(const char *prompt)
{
	char buf[256];

	if (prompt && *prompt)
		fputs(prompt, stderr);
	if (!fgets(buf, sizeof(buf), stdin))
		return NULL;
	buf[strcspn(buf, "\n")] = '\0';
	return strdup(buf);
}

int main(void)
{
	char *line;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((line = readline("")) != NULL) {
		printf("read: %s\n", line);
		free(line);
	}
	return 0;
}

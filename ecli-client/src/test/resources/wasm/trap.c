/* Traps (an unreachable instruction) after printing a line. */
#include <stdio.h>

int main(void) {
    printf("before the trap\n");
    fflush(stdout);
    __builtin_trap();
}

/* Allocates 1 MiB at a time until malloc fails (the memory cap) or 64 MiB are held. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    unsigned long sum = 0;
    for (int i = 0; i < 64; i++) {
        char *p = malloc(1 << 20);
        if (!p) {
            fprintf(stderr, "out of memory after %d MiB\n", i);
            return 12;
        }
        memset(p, i, 1 << 20);
        sum += (unsigned char) p[i];
    }
    printf("held 64 MiB (%lu)\n", sum);
    return 0;
}

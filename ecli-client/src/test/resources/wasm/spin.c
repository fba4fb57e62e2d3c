/* Never returns: only ecli's --duration, Ctrl-C or SIGTERM stop it. */
#include <stdio.h>

int main(void) {
    printf("spinning\n");
    fflush(stdout);
    volatile unsigned long n = 0;
    for (;;) {
        n++;
    }
}

/* Found through -I: the include test compiles with_include.bpf.c with -I plain/inc. */
#define COUNTER_MAX_ENTRIES 64

// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
// The wasm module the build runs `ecli run` on to put the wasm path's classes (the runtime, its compiler, WASI,
// the wasm_bpf host) into ecli's class-data-sharing archive. With "attach" (the build passes it as root) it
// loads, attaches, polls and closes training.bpf.c's object.
#include <stdio.h>
#include <string.h>
#include "training.skel.h"

static int on_event(void *ctx, void *data, size_t size)
{
	return 0;
}

int main(int argc, char **argv)
{
	printf("training\n");
	if (argc < 2 || strcmp(argv[1], "attach"))
		return 0;
	training_bpf_set_pid_filter(1);
	uint64_t obj = training_bpf_load();
	if (!obj || training_bpf_attach(obj) < 0)
		return 1;
	struct training_event buf;
	wasm_bpf_poll(obj, wasm_bpf_map_fd_by_name(obj, TRAINING_MAP_EVENTS), on_event, 0, &buf, sizeof(buf), 0);
	uint32_t key;
	wasm_bpf_map_operate(wasm_bpf_map_fd_by_name(obj, TRAINING_MAP_HISTS), WASM_BPF_MAP_GET_NEXT_KEY, 0, 0, &key, 0);
	return wasm_close_bpf_object(obj);
}

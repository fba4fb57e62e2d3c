/* Uses everything layout.skel.h gives, so the test sees that it compiles and links for wasm32-wasi. */
#include <stdio.h>
#include "layout.skel.h"

static int on_event(void *ctx, void *data, size_t size)
{
    const struct layout_event *e = data;
    printf("%d\n", (int) e->s);
    return 0;
}

int main(void)
{
    uint64_t obj = layout_bpf_load();
    if (!obj || layout_bpf_attach(obj) < 0)
        return 1;
    struct layout_event buf;
    wasm_bpf_poll(obj, wasm_bpf_map_fd_by_name(obj, LAYOUT_MAP_EVENTS), on_event, 0, &buf, sizeof(buf), 100);
    return wasm_close_bpf_object(obj);
}

#include "layout.skel.h"

int main(void)
{
    return layout_bpf_lod();
}

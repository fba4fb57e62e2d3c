package dev.ebpm.ecli.loader.attach;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PerfEventAttachTest {
    @Test
    void onlineCpuListsReadAsTheKernelWritesThem() {
        assertThat(PerfEventAttach.cpuList("0")).containsExactly(0);
        assertThat(PerfEventAttach.cpuList("0-3")).containsExactly(0, 1, 2, 3);
        assertThat(PerfEventAttach.cpuList("0-1,4,6-7")).containsExactly(0, 1, 4, 6, 7);
        assertThat(PerfEventAttach.onlineCpus()).hasSize(Runtime.getRuntime().availableProcessors());
    }
}

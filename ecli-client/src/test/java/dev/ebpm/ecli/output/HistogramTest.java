package dev.ebpm.ecli.output;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HistogramTest {
    @Test
    void log2LooksLikeBcc() {
        assertThat(Histogram.log2(new long[] {1, 0, 8, 4, 0, 0}, "usecs")).isEqualTo("""
                 usecs               : count    distribution
                     0 -> 1          : 1        |*****                                   |
                     2 -> 3          : 0        |                                        |
                     4 -> 7          : 8        |****************************************|
                     8 -> 15         : 4        |********************                    |
            """);
    }

    @Test
    void emptyHistogramsPrintNothing() {
        assertThat(Histogram.log2(new long[26], "usecs")).isEmpty();
        assertThat(Histogram.linear(new long[4], "ms")).isEmpty();
    }

    @Test
    void wideHistogramsUseWiderColumns() {
        long[] slots = new long[40];
        slots[35] = 2;
        String text = Histogram.log2(slots, "nsecs");
        assertThat(text).startsWith("               nsecs                         : count        distribution\n");
        assertThat(text).contains("         34359738368 -> 68719476735          : 2            |********************|");
    }

    @Test
    void linear() {
        assertThat(Histogram.linear(new long[] {0, 3, 6}, "ms")).isEqualTo("""
                       ms : count     distribution
                        0 : 0        |                                        |
                        1 : 3        |********************                    |
                        2 : 6        |****************************************|
            """);
    }
}

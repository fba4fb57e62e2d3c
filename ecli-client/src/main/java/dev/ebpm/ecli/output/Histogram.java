package dev.ebpm.ecli.output;


/**
 * Text histograms in bcc's layout, for {@code @sample} maps whose value has a {@code slots} array.
 * log2: slot i counts values in [2^i, 2^(i+1)), the first row being {@code 0 -> 1}. linear: slot i counts
 * the value i. Rows run up to the last non-empty slot; an empty histogram prints nothing.
 */
public final class Histogram {
    private static final int STARS = 40;

    private Histogram() {
    }

    public static String log2(long[] slots, String unit) {
        int last = lastNonZero(slots);
        if (last < 0) {
            return "";
        }
        boolean wide = last > 32;
        int width = wide ? 20 : 10;
        int stars = wide ? STARS / 2 : STARS;
        StringBuilder b = new StringBuilder();
        b.append(wide ? String.format("%15s%-29s : count        distribution%n", "", unit)
            : String.format("%5s%-19s : count    distribution%n", "", unit));
        long max = max(slots);
        for (int i = 0; i <= last; i++) {
            long low = i == 0 ? 0 : 1L << i;
            long high = i == 0 ? 1 : i >= 63 ? Long.MAX_VALUE : (1L << (i + 1)) - 1;
            b.append(String.format("%" + width + "d -> %-" + width + "d : %-" + (wide ? 12 : 8) + "d |", low, high,
                slots[i]));
            b.append(stars(slots[i], max, stars)).append("|\n");
        }
        return b.toString();
    }

    public static String linear(long[] slots, String unit) {
        int last = lastNonZero(slots);
        if (last < 0) {
            return "";
        }
        StringBuilder b = new StringBuilder(String.format("%13s : count     distribution%n", unit));
        long max = max(slots);
        for (int i = 0; i <= last; i++) {
            b.append(String.format("%13d : %-8d |", i, slots[i])).append(stars(slots[i], max, STARS)).append("|\n");
        }
        return b.toString();
    }

    static String stars(long value, long max, int width) {
        int n = max == 0 ? 0 : (int) (Math.min(value, max) * width / max);
        return "*".repeat(n) + " ".repeat(width - n);
    }

    private static int lastNonZero(long[] slots) {
        for (int i = slots.length - 1; i >= 0; i--) {
            if (slots[i] != 0) {
                return i;
            }
        }
        return -1;
    }

    private static long max(long[] slots) {
        long m = 0;
        for (long s : slots) {
            m = Math.max(m, s);
        }
        return m;
    }
}

package dev.ebpm.format.options;

import dev.ebpm.format.arch.Architectures;

/** The values options take (numbers, architectures), checked the same way everywhere, with the option named in the error. */
public final class OptionValues {
    private OptionValues() {
    }

    /** A whole number of at least 1; {@code what} describes it in the error ("a page number"). */
    public static long positive(String option, String text, String what) {
        try {
            long n = Long.parseLong(text.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new UsageException(option + ": expected " + what + " (a whole number from 1), got \"" + text + "\"");
    }

    /** {@link #positive} that fits an int. */
    public static int positiveInt(String option, String text, String what) {
        long n = positive(option, text, what);
        if (n > Integer.MAX_VALUE) {
            throw new UsageException(option + ": " + text + " is too large for " + what);
        }
        return (int) n;
    }

    /** A number of seconds, fractions allowed, 0 included. */
    public static double seconds(String option, String text, String zeroMeans) {
        try {
            double d = Double.parseDouble(text.strip());
            if (d >= 0 && !Double.isInfinite(d) && !Double.isNaN(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new UsageException(option + ": expected a number of seconds (" + zeroMeans + "), got \"" + text + "\"");
    }

    /** An architecture ebpm knows, by any of its names ({@code x86_64} or {@code amd64}, {@code arm64} or {@code aarch64}). */
    public static String arch(String option, String text) {
        String arch = Architectures.of(text);
        if (!Architectures.isKnown(arch)) {
            throw new UsageException(option + ": expected one of " + Architectures.KNOWN + ", got \"" + text + "\"");
        }
        return arch;
    }
}

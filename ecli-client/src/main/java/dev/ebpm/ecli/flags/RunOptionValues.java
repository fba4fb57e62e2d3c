package dev.ebpm.ecli.flags;

import dev.ebpm.ecli.EcliException;

/** Checks the values of ecli's run options wherever they are given. */
public final class RunOptionValues {
    private RunOptionValues() {
    }

    public static double duration(String text) {
        try {
            double d = Double.parseDouble(text);
            if (d >= 0 && !Double.isInfinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw EcliException.usage("--duration: expected a number of seconds (0: stop once attached), got \""
            + text + "\"");
    }

    public static int ifindex(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw EcliException.usage("--ifindex: expected a positive interface index, got \"" + text + "\"");
    }
}

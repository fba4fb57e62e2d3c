package dev.ebpm.format.requirements;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A kernel release as major.minor, which is what feature history is kept in. */
public record KernelVersion(int major, int minor) implements Comparable<KernelVersion> {
    private static final Pattern RELEASE = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})(?:\\D.*)?");
    public static final KernelVersion OLDEST = new KernelVersion(3, 18);

    /** From {@code uname -r} ({@code 6.1.0-18-amd64}) or {@code 5.8}; empty text or junk is an error. */
    public static KernelVersion parse(String release) {
        Matcher m = RELEASE.matcher(release == null ? "" : release.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a kernel release: " + release);
        }
        return new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public KernelVersion max(KernelVersion other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public boolean atLeast(KernelVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(KernelVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}

package dev.ebpm.registry.catalog;

import dev.ebpm.format.reference.SemVer;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Version ordering and the computed {@code latest}. */
public final class Versions {
    public static final Comparator<PackageVersion> BY_PRECEDENCE =
        Comparator.comparing((PackageVersion v) -> SemVer.parse(v.version));

    private Versions() {
    }

    /**
     * The highest release neither yanked nor removed; when a package has only pre-releases, the highest of
     * those, so a package still being stabilised can be run by name.
     */
    public static Optional<PackageVersion> latest(List<PackageVersion> versions) {
        Optional<PackageVersion> release = versions.stream().filter(v -> usable(v) && !v.prerelease)
            .max(BY_PRECEDENCE);
        return release.isPresent() ? release : versions.stream().filter(Versions::usable).max(BY_PRECEDENCE);
    }

    private static boolean usable(PackageVersion v) {
        return !v.yanked && !v.removed();
    }

    public static List<PackageVersion> newestFirst(List<PackageVersion> versions) {
        return versions.stream().sorted(BY_PRECEDENCE.reversed()).toList();
    }
}

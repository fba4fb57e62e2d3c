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
     * The highest non-yanked release; when a package has only pre-releases, the highest non-yanked of those,
     * so a package still being stabilised can be run by name.
     */
    public static Optional<PackageVersion> latest(List<PackageVersion> versions) {
        Optional<PackageVersion> release = versions.stream().filter(v -> !v.yanked && !v.prerelease)
            .max(BY_PRECEDENCE);
        return release.isPresent() ? release
            : versions.stream().filter(v -> !v.yanked).max(BY_PRECEDENCE);
    }

    public static List<PackageVersion> newestFirst(List<PackageVersion> versions) {
        return versions.stream().sorted(BY_PRECEDENCE.reversed()).toList();
    }
}

package dev.ebpm.registry.web;

import dev.ebpm.registry.catalog.PackageView;
import dev.ebpm.registry.catalog.VersionView;
import dev.ebpm.registry.trust.TrustView;
import io.quarkus.qute.RawString;

/**
 * What a package page shows: the package, the version being read (latest unless chosen), its README as
 * sanitized HTML, the downloads chart, how to run it from this registry, and its signatures and provenance.
 */
public record PackageModel(PackageView pkg, VersionView version, RawString readme, RawString chart,
                           String runCommand, String registry, boolean defaultRegistry, boolean latest,
                           TrustView trust) {
    static final String DEFAULT_REGISTRY = "http://localhost:8080";

    static PackageModel of(PackageView pkg, VersionView version, String readmeHtml, String chartSvg, String registry,
                           TrustView trust) {
        boolean latest = version.version().equals(pkg.latest());
        String ref = latest ? pkg.name() + ":latest" : pkg.name() + "@" + version.version();
        boolean local = registry.equals(DEFAULT_REGISTRY);
        String command = "sudo " + (local ? "" : "ECLI_REGISTRY=" + registry + " ") + "ecli run " + ref;
        return new PackageModel(pkg, version, new RawString(readmeHtml), new RawString(chartSvg), command, registry,
            local, latest, trust);
    }
}

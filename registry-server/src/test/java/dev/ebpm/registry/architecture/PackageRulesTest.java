package dev.ebpm.registry.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The registry's package structure, checked over its compiled main classes: no package cycles, and the
 * layers from the bottom up (error, db, storage; reference; content; auth; catalog; publish, download,
 * builds; the HTTP edge; resources and pages at the top).
 */
class PackageRulesTest {
    private static final String ROOT = "dev.ebpm.registry";
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    }

    private static String[] packages(String... names) {
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = ROOT + "." + names[i] + "..";
        }
        return out;
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theBottomDependsOnNoOtherRegistryPackage() {
        for (String bottom : new String[] {"error", "db", "storage", "server"}) {
            noClasses().that().resideInAPackage(ROOT + "." + bottom + "..").should().dependOnClassesThat()
                .resideInAnyPackage(others(bottom)).check(classes);
        }
    }

    @Test
    void referencesKnowOnlyErrors() {
        noClasses().that().resideInAPackage(ROOT + ".reference..").should().dependOnClassesThat()
            .resideInAnyPackage(packages("db", "storage", "content", "auth", "catalog", "publish", "builds",
                "download", "oci", "api", "web", "http", "health")).check(classes);
    }

    @Test
    void contentSitsOnStorageAndBelowEveryService() {
        noClasses().that().resideInAPackage(ROOT + ".content..").should().dependOnClassesThat()
            .resideInAnyPackage(packages("reference", "auth", "catalog", "publish", "builds", "download", "oci",
                "api", "web", "http", "health")).check(classes);
    }

    @Test
    void theCatalogKnowsNothingOfHowVersionsArriveOrAreServed() {
        noClasses().that().resideInAPackage(ROOT + ".catalog..").should().dependOnClassesThat()
            .resideInAnyPackage(packages("publish", "builds", "download", "oci", "api", "web", "http"))
            .check(classes);
    }

    @Test
    void servicesDoNotDependOnTheEdgeOrTheResources() {
        noClasses().that().resideInAnyPackage(packages("auth", "catalog", "publish", "builds", "download", "trust"))
            .should().dependOnClassesThat().resideInAnyPackage(packages("http", "oci", "api", "web"))
            .check(classes);
    }

    @Test
    void theEdgeDependsOnNoService() {
        noClasses().that().resideInAPackage(ROOT + ".http..").should().dependOnClassesThat()
            .resideInAnyPackage(packages("content", "auth", "catalog", "publish", "builds", "download", "oci",
                "api", "web")).check(classes);
    }

    @Test
    void resourcesAndPagesAreTheTop() {
        for (String top : new String[] {"api", "oci", "web"}) {
            noClasses().that().resideOutsideOfPackage(ROOT + "." + top + "..").should().dependOnClassesThat()
                .resideInAPackage(ROOT + "." + top + "..").check(classes);
        }
    }

    private static String[] others(String bottom) {
        return java.util.Arrays.stream(new String[] {"error", "db", "storage", "server", "reference", "content",
                "auth", "catalog", "publish", "builds", "download", "oci", "api", "web", "http", "health"})
            .filter(p -> !p.equals(bottom)).map(p -> ROOT + "." + p + "..").toArray(String[]::new);
    }
}

package dev.ebpm.registry.web;

import dev.ebpm.registry.testing.Api;
import dev.ebpm.registry.testing.Builds;
import dev.ebpm.registry.testing.Fixtures;
import dev.ebpm.registry.testing.LocalServices;
import dev.ebpm.registry.testing.Sources;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog in a real browser (Debian's chromium, headless, driven by Selenium): search, read a package,
 * see yanked versions, follow a build, get the 404 page. Screenshots land in target/screenshots/.
 */
@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
class CatalogBrowserTest extends BrowserTestBase {
    @Override
    void publish() throws InterruptedException {
        String token = Api.publisher();
        for (String example : List.of("sigsnoop", "opensnoop", "runqlat", "tcpstates", "tcpingress")) {
            Api.publish(token, Fixtures.renamed(example, example, "1.0.0")).then().statusCode(201);
        }
        Api.publish(token, Fixtures.renamed("sigsnoop", "sigsnoop", "1.1.0")).then().statusCode(201);
        Api.as(token).contentType("application/json").body(Map.of("reason", "reports the wrong pid"))
            .put("/api/v1/packages/sigsnoop/-/versions/1.1.0/yank").then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            RestAssured.get("/api/v1/packages/sigsnoop/-/versions/1.0.0/package.ebpm").then().statusCode(200);
        }
        // Downloads are counted in memory and reach the database every second in the test profile.
        long downloads = 0;
        for (int i = 0; i < 100 && downloads < 3; i++) {
            Thread.sleep(100);
            downloads = RestAssured.get("/api/v1/packages/sigsnoop").<Integer>path("downloads");
        }
        assertThat(downloads).isEqualTo(3);
    }

    private void open(String path) {
        browser.get(path);
    }

    private void shoot(String name) {
        browser.screenshot(name);
    }

    @Test
    void searchForASignalToolThenReadAndRunIt() {
        open("/");
        assertThat(page.findElement(By.tagName("h1")).getText()).contains("Find an eBPF tool");
        shoot("home");

        WebElement box = page.findElement(By.id("home-q"));
        box.sendKeys("signal", Keys.ENTER);
        new WebDriverWait(page, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/search"));
        List<WebElement> hits = page.findElements(By.cssSelector("ol.results li h2 a"));
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).getText()).isEqualTo("sigsnoop");
        shoot("search");

        hits.get(0).click();
        assertThat(page.getTitle()).startsWith("sigsnoop");
        assertThat(page.findElement(By.id("run-cmd")).getAttribute("value")).endsWith("ecli run sigsnoop:latest");
        assertThat(page.findElement(By.cssSelector("button.copy")).isDisplayed()).isTrue();
        String flags = page.findElement(By.cssSelector("table.flags")).getText();
        assertThat(flags).contains("-p, --pid", "pid_t", "--failed", "bool", "Only show signals that could not be");
        String versions = page.findElement(By.cssSelector("ol.versions")).getText();
        assertThat(versions).contains("1.1.0", "YANKED", "1.0.0");
        assertThat(page.findElement(By.cssSelector(".package-head .meta")).getText()).contains("3 downloads");
        assertThat(page.findElement(By.cssSelector(".readme")).getText()).contains("Traces signals");
        assertThat(page.findElement(By.cssSelector("svg.chart")).getAttribute("aria-label")).contains("3 in total");
        shoot("package");

        page.findElement(By.linkText("1.1.0")).click();
        assertThat(page.findElement(By.cssSelector(".warning")).getText()).contains("yanked", "wrong pid");
    }

    @Test
    void filtersNarrowTheResults() {
        open("/search?q=&kind=tc");
        List<String> names = page.findElements(By.cssSelector("ol.results li h2 a")).stream()
            .map(WebElement::getText).toList();
        assertThat(names).contains("tcpingress").doesNotContain("sigsnoop", "runqlat");
        open("/search?q=&output=histogram");
        assertThat(page.findElements(By.cssSelector("ol.results li h2 a")).stream().map(WebElement::getText))
            .contains("runqlat").doesNotContain("sigsnoop");
    }

    @Test
    void aMissingPackageGetsTheNotFoundPage() {
        open("/packages/no-such-tool");
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        assertThat(page.findElement(By.tagName("main")).getText()).contains("no package named no-such-tool");
        shoot("not-found");
    }

    @Test
    void aBuildPageFollowsItsBuildUntilTheVersionIsPublished() {
        Builds builds = Builds.withFreshTokens();
        String id = builds.submit("web/tcpstates", "1.0.0", Sources.example("tcpstates"));
        String lease = (String) builds.leaseOf(id).get("lease");
        Api.as(builds.worker()).header("Ebpm-Lease", lease).body("compiling tcpstates.bpf.c\n")
            .post("/api/v1/worker/builds/" + id + "/log").then().statusCode(204);

        open("/builds/" + id);
        assertThat(page.findElement(By.cssSelector(".state strong")).getText()).isEqualTo("running");
        assertThat(page.findElement(By.cssSelector("pre.log")).getText()).contains("compiling tcpstates.bpf.c");
        assertThat(page.findElements(By.cssSelector("meta[http-equiv=refresh]"))).hasSize(1);
        shoot("build");

        Api.as(builds.worker()).header("Ebpm-Lease", lease)
            .body(Fixtures.file(Fixtures.renamed("tcpstates", "web/tcpstates", "1.0.0")))
            .post("/api/v1/worker/builds/" + id + "/success").then().statusCode(200);
        // The page reloads itself while the build runs, so an element found may be gone a moment later.
        new WebDriverWait(page, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class).until(d ->
            d.findElement(By.cssSelector(".state strong")).getText().equals("succeeded"));
        assertThat(page.findElements(By.cssSelector("meta[http-equiv=refresh]"))).isEmpty();

        page.findElement(By.linkText("The published version")).click();
        assertThat(page.findElement(By.tagName("h1")).getText()).contains("web/tcpstates");
        page.findElement(By.linkText("build log")).click();
        assertThat(page.getCurrentUrl()).endsWith("/builds/" + id);
    }
}

package dev.ebpm.registry.web;

import dev.ebpm.registry.testing.Api;
import dev.ebpm.registry.testing.Fixtures;
import dev.ebpm.registry.testing.LocalServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog in a real browser (Debian's chromium, headless, driven by Selenium): search, read a package,
 * see yanked versions and the 404 page. Screenshots land in target/screenshots/.
 */
@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogBrowserTest {
    private static final Path SHOTS = Path.of("target/screenshots");

    @TestHTTPResource("/")
    URL base;

    private WebDriver browser;

    /** Once, before the first test (RestAssured knows the test port only per test, not in @BeforeAll). */
    @BeforeEach
    void publishAndOpenABrowser() throws Exception {
        if (browser != null) {
            return;
        }
        String token = Api.publisher();
        for (String example : List.of("sigsnoop", "opensnoop", "runqlat", "tcpstates")) {
            Api.publish(token, Fixtures.renamed(example, example, "1.0.0")).then().statusCode(201);
        }
        Api.publish(token, Fixtures.renamed("sigsnoop", "sigsnoop", "1.1.0")).then().statusCode(201);
        Api.as(token).contentType("application/json").body(Map.of("reason", "reports the wrong pid"))
            .put("/api/v1/packages/sigsnoop/-/versions/1.1.0/yank").then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            RestAssured.get("/api/v1/packages/sigsnoop/-/versions/1.0.0/package.ebpm").then().statusCode(200);
        }
        Thread.sleep(1500);
        Files.createDirectories(SHOTS);
        browser = chromium();
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    static WebDriver chromium() {
        File binary = new File("/usr/bin/chromium");
        File driver = new File("/usr/bin/chromedriver");
        if (!binary.canExecute() || !driver.canExecute()) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver "
                + "(scripts/install-deps.sh installs them)");
        }
        ChromeOptions options = new ChromeOptions().setBinary(binary)
            .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--window-size=1280,1400", "--disable-dev-shm-usage");
        WebDriver d = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver).build(), options);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return d;
    }

    private void open(String path) {
        browser.get(base.toString().replaceAll("/$", "") + path);
    }

    private void shoot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void searchForASignalToolThenReadAndRunIt() throws IOException {
        open("/");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Find an eBPF tool");
        shoot("home");

        WebElement box = browser.findElement(By.id("home-q"));
        box.sendKeys("signal", Keys.ENTER);
        List<WebElement> hits = browser.findElements(By.cssSelector("ol.results li h2 a"));
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).getText()).isEqualTo("sigsnoop");
        shoot("search");

        hits.get(0).click();
        assertThat(browser.getTitle()).startsWith("sigsnoop");
        assertThat(browser.findElement(By.id("run-cmd")).getAttribute("value")).endsWith("ecli run sigsnoop:latest");
        assertThat(browser.findElement(By.cssSelector("button.copy")).isDisplayed()).isTrue();
        String flags = browser.findElement(By.cssSelector("table.flags")).getText();
        assertThat(flags).contains("-p, --pid", "pid_t", "--failed", "bool", "Only show signals that could not be");
        String versions = browser.findElement(By.cssSelector("ol.versions")).getText();
        assertThat(versions).contains("1.1.0", "YANKED", "1.0.0");
        assertThat(browser.findElement(By.cssSelector(".package-head .meta")).getText()).contains("3 downloads");
        assertThat(browser.findElement(By.cssSelector(".readme")).getText()).contains("Traces signals");
        assertThat(browser.findElement(By.cssSelector("svg.chart")).getAttribute("aria-label")).contains("3 in total");
        shoot("package");

        browser.findElement(By.linkText("1.1.0")).click();
        assertThat(browser.findElement(By.cssSelector(".warning")).getText()).contains("yanked", "wrong pid");
    }

    @Test
    void filtersNarrowTheResults() {
        open("/search?q=&kind=tc");
        List<String> names = browser.findElements(By.cssSelector("ol.results li h2 a")).stream()
            .map(WebElement::getText).toList();
        assertThat(names).doesNotContain("sigsnoop", "runqlat");
        open("/search?q=&output=histogram");
        assertThat(browser.findElements(By.cssSelector("ol.results li h2 a")).stream().map(WebElement::getText))
            .contains("runqlat").doesNotContain("sigsnoop");
    }

    @Test
    void aMissingPackageGetsTheNotFoundPage() throws IOException {
        open("/packages/no-such-tool");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("no package named no-such-tool");
        shoot("not-found");
    }
}

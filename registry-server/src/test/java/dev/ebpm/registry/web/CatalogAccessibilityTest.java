package dev.ebpm.registry.web;

import dev.ebpm.registry.testing.Api;
import dev.ebpm.registry.testing.Fixtures;
import dev.ebpm.registry.testing.LocalServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog's pages checked in the browser for what an accessibility review looks at: labels, text
 * alternatives, one h1, contrast (WCAG AA, in the light and the dark colour scheme), keyboard use, and
 * phone-sized screens.
 */
@QuarkusTest
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
class CatalogAccessibilityTest extends BrowserTestBase {
    private static final List<String> PAGES = List.of("/", "/search?q=latency", "/search?q=&output=histogram",
        "/packages/a11y/runqlat", "/packages/a11y/runqlat?version=1.1.0", "/packages/nothing-here", "/no/such/page");

    /**
     * Empty when the page does not scroll sideways; otherwise the outermost elements that stick out of the
     * viewport (what scrolls inside its own box, like a wide table in its wrapper, is fine).
     */
    private static final String WIDER_THAN_THE_SCREEN = "var d = document.documentElement, w = d.clientWidth, out = [];"
        + "if (d.scrollWidth <= w) { return out; }"
        + "document.querySelectorAll('body *').forEach(function (e) {"
        + "  var r = e.getBoundingClientRect(), p = e.parentElement.getBoundingClientRect();"
        + "  if (r.right > w + 1 && p.right <= w + 1) { out.push(e.tagName + '.' + e.className + ' right=' + r.right); }"
        + "}); return out.length ? out : ['the page is ' + (d.scrollWidth - w) + ' px too wide'];";

    private String check;

    @Override
    void publish() throws IOException {
        String token = Api.publisher();
        Api.publish(token, Fixtures.renamed("runqlat", "a11y/runqlat", "1.0.0")).then().statusCode(201);
        Api.publish(token, Fixtures.renamed("runqlat", "a11y/runqlat", "1.1.0")).then().statusCode(201);
        Api.as(token).contentType("application/json").body(Map.of("reason", "wrong units"))
            .put("/api/v1/packages/a11y/runqlat/-/versions/1.1.0/yank").then().statusCode(200);
        try (InputStream in = getClass().getResourceAsStream("/web/accessibility.js")) {
            check = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyPagePassesTheChecksInBothColourSchemes() {
        List<String> problems = new ArrayList<>();
        for (boolean dark : new boolean[] {false, true}) {
            browser.prefersDark(dark);
            for (String path : PAGES) {
                browser.get(path);
                @SuppressWarnings("unchecked")
                List<String> found = (List<String>) ((JavascriptExecutor) page).executeScript(check);
                found.forEach(p -> problems.add((dark ? "dark " : "light ") + path + ": " + p));
            }
        }
        browser.prefersDark(false);
        assertThat(problems).isEmpty();
    }

    @Test
    void theKeyboardSkipsToTheContentAndSearches() {
        browser.get("/packages/a11y/runqlat");
        new Actions(page).sendKeys(Keys.TAB).perform();
        WebElement skip = page.switchTo().activeElement();
        assertThat(skip.getText()).isEqualTo("Skip to content");
        assertThat(skip.isDisplayed()).isTrue();
        skip.sendKeys(Keys.ENTER);
        new Actions(page).sendKeys(Keys.TAB).perform();
        assertThat((Boolean) ((JavascriptExecutor) page).executeScript(
            "return document.querySelector('main').contains(document.activeElement)")).isTrue();

        browser.get("/packages/a11y/runqlat");
        new Actions(page).sendKeys(Keys.TAB, Keys.TAB, Keys.TAB).perform();
        WebElement search = page.switchTo().activeElement();
        assertThat(search.getAttribute("id")).isEqualTo("top-q");
        search.sendKeys("latency", Keys.ENTER);
        new WebDriverWait(page, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/search"));
        assertThat(page.findElements(By.cssSelector("ol.results li h2 a")).stream().map(WebElement::getText))
            .contains("a11y/runqlat");
    }

    @Test
    void aPhoneSizedScreenNeedsNoSidewaysScrolling() {
        page.manage().window().setSize(new Dimension(375, 800));
        try {
            for (String path : PAGES) {
                browser.get(path);
                Object wide = ((JavascriptExecutor) page).executeScript(WIDER_THAN_THE_SCREEN);
                assertThat((List<?>) wide).as("%s has elements wider than the screen", path).isEmpty();
            }
            browser.get("/packages/a11y/runqlat");
            browser.screenshot("package-narrow");
        } finally {
            page.manage().window().setSize(new Dimension(1280, 1400));
        }
    }
}

package dev.ebpm.registry.web;

import dev.ebpm.registry.testing.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebDriver;

import java.net.URL;

/**
 * One browser per test class, opened before its first test once the class has published what its pages
 * show (in @BeforeEach: RestAssured knows the test port only per test, not in @BeforeAll).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestBase {
    @TestHTTPResource("/")
    URL base;

    Browser browser;
    WebDriver page;

    /** Publishes the packages the class's tests look at. */
    abstract void publish() throws Exception;

    @BeforeEach
    void publishAndOpenABrowser() throws Exception {
        if (browser == null) {
            publish();
            browser = Browser.open(base);
            page = browser.driver();
        }
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}

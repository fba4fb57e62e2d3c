package dev.ebpm.registry.testing;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Debian's chromium, headless, driven through chromedriver; screenshots go to target/screenshots/. */
public final class Browser implements AutoCloseable {
    private static final Path SHOTS = Path.of("target/screenshots");

    private final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, URL base) {
        this.driver = driver;
        this.base = base.toString().replaceAll("/$", "");
    }

    public static Browser open(URL base) {
        File binary = new File("/usr/bin/chromium");
        File chromedriver = new File("/usr/bin/chromedriver");
        if (!binary.canExecute() || !chromedriver.canExecute()) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver "
                + "(scripts/install-deps.sh installs them)");
        }
        ChromeOptions options = new ChromeOptions().setBinary(binary)
            .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--window-size=1280,1400", "--disable-dev-shm-usage");
        ChromeDriver d = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
            .build(), options);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(d, base);
    }

    public WebDriver driver() {
        return driver;
    }

    public void get(String path) {
        driver.get(base + path);
    }

    public void screenshot(String name) {
        try {
            Files.createDirectories(SHOTS);
            Files.write(SHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders pages as a user who asked for a dark (or light) colour scheme sees them. */
    public void prefersDark(boolean dark) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
            List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    @Override
    public void close() {
        driver.quit();
    }
}

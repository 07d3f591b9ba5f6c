package org.afterhours.console;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver (both installed by {@code .ci/run}). Without them the
 * browser tests are skipped, and say so loudly; Selenium is never allowed to download a browser or driver.
 */
final class Browser implements AutoCloseable {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    final WebDriver driver;
    private final ConsoleFixture fixture;
    private final Path profile;

    Browser(ConsoleFixture fixture) throws Exception {
        this.fixture = fixture;
        boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (!present) {
            System.err.println("\n*** BROWSER TESTS SKIPPED: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed"
                    + " (apt-get install chromium chromium-driver; .ci/run does this) ***\n");
        }
        Assumptions.assumeTrue(present, "Debian's chromium and chromium-driver are not installed");
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--autoplay-policy=no-user-gesture-required", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    Browser open(String path) {
        driver.get(fixture.url(path));
        return this;
    }

    Browser logIn(String person) {
        open("/login");
        driver.findElement(By.id("person")).sendKeys(person);
        driver.findElement(By.id("password")).sendKeys(ConsoleFixture.PASSWORD);
        driver.findElement(By.id("login")).click();
        try {
            waitFor(By.className("logout"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("login failed at " + driver.getCurrentUrl() + ": " + pageText(), e);
        }
        return this;
    }

    WebElement find(String id) {
        return driver.findElement(By.id(id));
    }

    /** The element's text; read again when a live update replaced the element meanwhile. */
    String text(String id) {
        return new WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id(id)).getText());
    }

    /** Waits for the page (a navigation or a live update), never for a fixed time. */
    WebElement waitFor(By what) {
        return new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(what));
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    @Override
    public void close() throws Exception {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

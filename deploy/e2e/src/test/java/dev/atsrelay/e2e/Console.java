package dev.atsrelay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in a real browser: Debian's headless Chromium driven by its chromedriver (both installed by
 * deploy/test), pointed at config-service on 127.0.0.1 only. With the console's own helpers: sign in, wait, take the
 * screenshots of docs/console/, and run axe-core (from its WebJar) on a page.
 */
final class Console implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("atsrelay.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("atsrelay.chromedriver", "/usr/bin/chromedriver"));
    private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    private final Platform platform;
    private final ChromeDriver driver;
    private final WebDriverWait wait;

    Console(Platform platform) {
        assertThat(CHROMIUM).as("Chromium for the console's browser tests (deploy/test installs the chromium package)").exists();
        assertThat(CHROMEDRIVER).as("chromedriver (deploy/test installs the chromium-driver package)").exists();
        this.platform = platform;
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1280,1000");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        // lists are re-rendered after each change: an element found just before that is looked up again
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens a console page (e.g. "webhooks") and signs in with the key, as an administrator would. */
    Console signIn(String page, String adminKey) {
        open(page);
        WebElement key = visible(By.id("signin-key"));
        // with the keyboard only, as the sign-in form has the focus when the page opens
        key.sendKeys(adminKey, Keys.ENTER);
        visible(By.id("main"));
        return this;
    }

    /** Opens a console page; a key signed in earlier in this browser tab stays signed in. */
    Console open(String page) {
        driver.get(platform.config.url("/console/" + page));
        return this;
    }

    /** Clicks the element once it is visible and enabled; a stale one is looked up again (see the constructor). */
    void click(By by) {
        wait.withMessage("to click " + by).until(d -> {
            WebElement e = ExpectedConditions.elementToBeClickable(by).apply(d);
            if (e == null) {
                return false;
            }
            e.click();
            return true;
        });
    }

    WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    <T> T until(String what, Function<WebDriver, T> condition) {
        return wait.withMessage(what).until(condition);
    }

    /** Waits until the element's text contains the given text. */
    void textIn(By by, String text) {
        wait.withMessage(by + " to show \"" + text + "\"").until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Writes docs/console/{name}.png: the documentation's screenshots come from these tests. */
    void screenshot(String name) {
        Path file = Path.of(System.getProperty("atsrelay.root", "../.."), "docs", "console", name + ".png");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs axe-core on the page as it is now: no serious or critical violation may be found. */
    @SuppressWarnings("unchecked")
    void assertAccessible() {
        var js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe !== 'undefined'"))) {
            js.executeScript(axeSource());
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        var violations = (List<Map<String, Object>>) js.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']})"
                        + ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                        + " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))))"
                        + ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));");
        assertThat(violations.stream().filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))))
                .as("serious or critical accessibility violations on " + driver.getCurrentUrl())
                .isEmpty();
    }

    private static String axeSource() {
        try (InputStream in = Console.class.getClassLoader().getResourceAsStream(AXE)) {
            assertThat(in).as(AXE + " on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}

package io.eventline.console;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the system's packages ({@code chromium}, {@code chromium-driver}; .ci/run
 * installs them) driven through Selenium. Without them a developer's run skips; under CI=true it fails.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SCREENSHOTS = Path.of("target/console-screenshots");
    static final Duration WAIT = Duration.ofSeconds(30);

    final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** Skips the calling test class (or fails it, under CI=true) unless Chromium and its driver are installed: call it first. */
    static void requireInstalled() {
        String hint = "the console's browser tests need Chromium and its driver: apt-get install chromium chromium-driver";
        boolean installed = Files.isExecutable(CHROMIUM) && chromedriver().isPresent();
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail(hint);
        }
        if (!installed) {
            // An assumption that fails before any test leaves no line in Maven's summary: say it here.
            System.out.println("Skipped: " + hint);
        }
        assumeTrue(installed, hint);
    }

    static Browser start(String base) {
        requireInstalled();
        Optional<Path> chromedriver = chromedriver();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1360,940", "--hide-scrollbars", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile()).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), base);
    }

    /** The chromedriver on PATH, else Debian's. */
    static Optional<Path> chromedriver() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Arrays.stream(path.split(File.pathSeparator)).map(dir -> Path.of(dir, "chromedriver"))
                .filter(Files::isExecutable).findFirst()
                .or(() -> Optional.of(Path.of("/usr/bin/chromedriver")).filter(Files::isExecutable));
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement find(String css) {
        return until("an element " + css, d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    /** Waits for {@code condition} to give something other than null or false; a screenshot and the page's text on failure. */
    <T> T until(String what, Function<WebDriver, T> condition) {
        return until(what, WAIT, condition);
    }

    <T> T until(String what, Duration timeout, Function<WebDriver, T> condition) {
        try {
            // The page re-renders what it polls: an element found a moment ago may be replaced since.
            return new WebDriverWait(driver, timeout, Duration.ofMillis(200))
                    .ignoring(StaleElementReferenceException.class).until(condition);
        } catch (TimeoutException e) {
            screenshot("failed");
            throw new AssertionError("waited " + timeout + " for " + what + " at " + driver.getCurrentUrl() + "; the page shows:\n"
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    String text(String css) {
        return until("the text of " + css, d -> d.findElements(By.cssSelector(css)).stream().findFirst().map(WebElement::getText).orElse(null));
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}

package drp.cli.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium driven through Selenium, from the machine's own packages (Debian's
 * {@code chromium} and {@code chromium-driver}): nothing is downloaded, Selenium Manager is never
 * asked. Tests that need it skip with a message when either binary is missing.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("drp.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("drp.chromedriver", "/usr/bin/chromedriver"));

    // Selenium's CDP lookup warns that it has no DevTools binding for this Chromium; the tests use none
    private static final java.util.logging.Logger SELENIUM = java.util.logging.Logger.getLogger("org.openqa.selenium");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Skips the calling test unless both binaries are installed. */
    public static void assumeInstalled() {
        assumeTrue(installed(),
                () -> "skipped: the report's browser tests need Debian's chromium and chromium-driver (" + CHROMIUM
                        + ", " + CHROMEDRIVER + "); install them with 'apt-get install -y chromium chromium-driver'"
                        + " (.ci/run does)");
    }

    public static Browser start(int width, int height) throws IOException {
        assumeInstalled();
        SELENIUM.setLevel(Level.SEVERE);
        Path profile = Files.createTempDirectory("drp-chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--hide-scrollbars");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(Path file) {
        driver.get(file.toAbsolutePath().toUri().toString());
    }

    /** The browser console's warnings and errors since the last call (the log is drained by reading it). */
    public List<String> consoleProblems() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::toString).toList();
    }

    /** A screenshot of the window, for a person to look at. */
    public Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    public Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}

package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import drp.cli.report.Browser;
import drp.cli.report.HostileTraces;
import drp.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The report of real runs opened in a real headless Chromium: a quick demo run made here, a prune
 * run of hostile traces, and the real R1 traces when ../shared/data is present. No console errors,
 * every chart drawn with a size, the viewer switching traces and filtering steps, hostile text
 * inert and shown literally. Screenshots go to target/report-screenshots/ for a person to look at.
 */
class ReportBrowserTest {

    static final Path SHOTS = Path.of("target", "report-screenshots");

    @TempDir
    static Path dir;

    static Browser browser;
    static Path demo;

    @BeforeAll
    static void start() throws IOException {
        if (!Browser.installed()) {
            return; // each test skips, saying what to install (a skipped @BeforeAll would report nothing)
        }
        demo = dir.resolve("demo");
        CliRun run = CliRun.of("demo", "--quick", "--out", demo.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote " + demo.resolve("report.html"));
        browser = Browser.start(1400, 900);
    }

    @BeforeEach
    void needsTheBrowser() {
        Browser.assumeInstalled();
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theDemoReportDrawsEveryChartWithoutConsoleErrors() throws IOException {
        open(demo.resolve("report.html"));
        assertThat(browser.driver().getTitle()).isEqualTo("drp report: demo");
        List<WebElement> charts = browser.driver().findElements(By.cssSelector("svg.chart"));
        // Pareto and lengths for the benchmark and its greedy pass, prune lengths, actions, teacher, loss
        assertThat(charts).hasSize(8);
        for (WebElement chart : charts) {
            assertThat(chart.getSize().getWidth()).as(chart.getAttribute("id")).isGreaterThan(200);
            assertThat(chart.getSize().getHeight()).as(chart.getAttribute("id")).isGreaterThan(100);
            assertThat(chart.findElements(By.cssSelector("path, rect, circle, polygon"))).as(chart.getAttribute("id"))
                    .isNotEmpty();
        }
        assertThat(browser.driver().findElements(By.cssSelector("#pareto-tiny-world-test .marker"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(browser.driver().findElements(By.cssSelector("#actions-drp .segment"))).hasSizeGreaterThan(5);
        assertThat(browser.driver().findElements(By.cssSelector("#lengths-tiny-world-test path.series"))).hasSize(2);
        assertThat(browser.driver().findElements(By.cssSelector("#prune-lengths-drp path.series"))).hasSize(3);
        assertThat(browser.driver().findElements(By.cssSelector("#teacher-drp rect.bar-ok"))).hasSize(1);
        assertThat(browser.driver().findElements(By.cssSelector("#loss path.series"))).hasSize(1);
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#table-tiny-world-test tbody tr"));
        assertThat(rows).extracting(WebElement::getText).anyMatch(t -> t.startsWith("base"))
                .anyMatch(t -> t.startsWith("drp"));
        assertThat(browser.consoleProblems()).isEmpty();
        shoot("summary", "summary");
        shoot("charts", "charts");
        shoot("viewer", "viewer");
        browser.resize(1400, 900);
    }

    @Test
    void theViewerSwitchesTracesByKeyboardSearchesAndFilters() throws IOException {
        open(demo.resolve("report.html"));
        String first = text("#v-head .trace-id");
        WebElement list = browser.driver().findElement(By.id("v-list"));
        list.sendKeys(Keys.ARROW_DOWN);
        String second = text("#v-head .trace-id");
        assertThat(second).isNotEqualTo(first);
        assertThat(browser.driver().findElement(By.cssSelector("#v-list [aria-selected=true] .item-id")).getText())
                .isEqualTo(second);
        list.sendKeys(Keys.ARROW_UP);
        assertThat(text("#v-head .trace-id")).isEqualTo(first);
        // sorted by reduction, largest first
        List<Object> reductions = list(browser.js("return Array.from(document.querySelectorAll('#v-list .item-meta'))"
                + ".map(e => Number(e.textContent.match(/−(\\d+)%/)[1]))"));
        assertThat(reductions).isNotEmpty();
        for (int i = 1; i < reductions.size(); i++) {
            assertThat(((Number) reductions.get(i)).intValue()).isLessThanOrEqualTo(((Number) reductions.get(i - 1)).intValue());
        }
        // search by id picks exactly that trace
        WebElement search = browser.driver().findElement(By.id("v-search"));
        search.sendKeys(second);
        waitUntil("return document.querySelectorAll('#v-list .item').length === 1");
        assertThat(text("#v-head .trace-id")).isEqualTo(second);
        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        waitUntil("return document.querySelectorAll('#v-list .item').length > 1");
        // filters: hide deleted steps, then verification steps
        assertThat(visible("#v-orig .step.act-delete")).isPositive();
        int all = visible("#v-orig .step");
        browser.driver().findElement(By.cssSelector("#v-filters .action-delete input")).click();
        assertThat(visible("#v-orig .step.act-delete")).isZero();
        assertThat(visible("#v-orig .step")).isLessThan(all);
        assertThat(text("#v-hidden")).contains("hidden by the filters");
        browser.driver().findElement(By.id("v-reset")).click();
        assertThat(visible("#v-orig .step")).isEqualTo(all);
        String verification = "VERIFICATION";
        int skill = ((Number) browser.js("return JSON.parse(document.getElementById('drp-data').textContent).skills"
                + ".indexOf(arguments[0])", verification)).intValue();
        browser.driver().findElement(By.cssSelector("#v-filters .skill-verification input")).click();
        assertThat(visible("#v-orig .step[data-skill='" + skill + "']")).isZero();
        browser.driver().findElement(By.id("v-reset")).click();
        // a rewritten step shows its rewrite next to the original text
        assertThat(browser.driver().findElements(By.cssSelector("#v-orig .step .rewrite .rw-text"))).isNotEmpty();
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @Test
    void hostileTracesRunNothingAndShowLiterally(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("hostile");
        assertThat(CliRun.of("prune", "--in", HostileTraces.write(tmp.resolve("in.jsonl")).toString(), "--out",
                run.toString()).exitCode()).isZero();
        assertThat(CliRun.of("report", run.toString()).exitCode()).isZero();
        open(run.resolve("report.html"));
        WebElement search = browser.driver().findElement(By.id("v-search"));
        search.sendKeys(HostileTraces.ID);
        waitUntil("return document.querySelectorAll('#v-list .item').length === 1");
        assertThat(browser.js("return typeof window.pwned")).isEqualTo("undefined");
        assertThat(browser.driver().findElements(By.cssSelector("#viewer img"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("main script"))).isEmpty();
        assertThat(text("#v-head .question")).contains(HostileTraces.SCRIPT, HostileTraces.CLOSE);
        String original = text("#v-orig");
        assertThat(original).contains(HostileTraces.SCRIPT, HostileTraces.IMG, HostileTraces.CLOSE);
        // search for the hostile text itself, as a person would
        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        search.sendKeys("onerror");
        waitUntil("return document.querySelectorAll('#v-list .item').length === 1");
        assertThat(browser.js("return typeof window.pwned")).isEqualTo("undefined");
        assertThat(browser.consoleProblems()).isEmpty();
        shoot("hostile", "viewer");
    }

    @Test
    void theRealR1TracesReport(@TempDir Path tmp) throws IOException {
        Path traces = SharedData.r1Traces();
        Path run = tmp.resolve("r1");
        CliRun prune = CliRun.of("prune", "--in", traces.toString(), "--out", run.toString(), "--tokenizer",
                SharedData.qwen2Tokenizer().toString(), "--all");
        assertThat(prune.exitCode()).as(prune.err()).isZero();
        assertThat(CliRun.of("report", run.toString()).exitCode()).isZero();
        open(run.resolve("report.html"));
        assertThat(browser.driver().findElements(By.cssSelector("svg.chart"))).hasSize(3);
        // the 9 traces that hit the generation cap are failures, listed by reason
        assertThat(text("#teacher-drp")).contains("failed: unfinished_trace", "9");
        browser.driver().findElement(By.cssSelector("#v-status option[value=failed]")).click();
        waitUntil("return document.querySelectorAll('#v-list .item').length === 9");
        assertThat(text("#v-head")).contains("failed: unfinished_trace");
        browser.driver().findElement(By.cssSelector("#v-status option[value=ok]")).click();
        waitUntil("return document.querySelectorAll('#v-list .item').length === 144");
        assertThat(browser.consoleProblems()).isEmpty();
        shoot("r1-charts", "charts");
        shoot("r1-viewer", "viewer");
        browser.resize(1400, 900);
    }

    @Test
    void anEvalOnlyRunGetsItsTableAndCharts(@TempDir Path tmp) throws IOException {
        // what 'drp eval' leaves: eval/MODEL/BENCH.jsonl graded files and no pruned traces
        Path run = tmp.resolve("eval-run");
        try (var files = java.nio.file.Files.walk(demo.resolve("eval"))) {
            for (Path f : files.toList()) {
                Path to = run.resolve(demo.relativize(f).toString());
                if (java.nio.file.Files.isDirectory(f)) {
                    java.nio.file.Files.createDirectories(to);
                } else {
                    java.nio.file.Files.copy(f, to);
                }
            }
        }
        CliRun report = CliRun.of("report", run.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).contains("2 models, 2 benchmarks, 0 pruned traces");
        open(run.resolve("report.html"));
        List<WebElement> charts = browser.driver().findElements(By.cssSelector("svg.chart"));
        assertThat(charts).extracting(c -> c.getAttribute("id")).containsExactly("pareto-tiny-world-test",
                "pareto-tiny-world-test-greedy", "lengths-tiny-world-test", "lengths-tiny-world-test-greedy");
        assertThat(charts).allMatch(c -> c.getSize().getWidth() > 200 && c.getSize().getHeight() > 100);
        assertThat(browser.driver().findElements(By.cssSelector("table.table1 tbody tr"))).hasSize(4);
        assertThat(text("#viewer")).contains("No pruned traces in this run");
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @Test
    void aReportOf2000TracesStaysResponsive(@TempDir Path tmp) throws IOException {
        // the quick demo's traces, copied under new ids to the size of the full demo
        List<String> lines = java.nio.file.Files.readAllLines(demo.resolve("pruned.jsonl"));
        List<String> big = new java.util.ArrayList<>();
        for (int i = 0; big.size() < 2000; i++) {
            big.add(lines.get(i % lines.size()).replaceFirst("\"id\":\"([^\"]+)\"", "\"id\":\"$1-copy" + i + "\""));
        }
        Path run = java.nio.file.Files.createDirectories(tmp.resolve("big"));
        java.nio.file.Files.write(run.resolve("pruned.jsonl"), big);
        assertThat(CliRun.of("report", run.toString()).exitCode()).isZero();
        responsive(run.resolve("report.html"), 2000);
    }

    /** The same checks on any report, e.g. a full demo run's: -Ddrp.report.page=RUN_DIR/report.html. */
    @Test
    void aGivenReportStaysResponsive() throws IOException {
        String page = System.getProperty("drp.report.page");
        org.junit.jupiter.api.Assumptions.assumeTrue(page != null && !page.isBlank(),
                "skipped: set -Ddrp.report.page=RUN_DIR/report.html to time a given report");
        responsive(Path.of(page), 0);
    }

    private static void responsive(Path page, int expected) throws IOException {
        long start = System.nanoTime();
        open(page);
        waitUntil("return document.getElementById('viewer').dataset.ready === 'true'");
        double loadMs = (System.nanoTime() - start) / 1e6;
        int traces = ((Number) browser.js("return JSON.parse(document.getElementById('drp-data').textContent)"
                + ".traces.length")).intValue();
        if (expected > 0) {
            assertThat(traces).isEqualTo(expected);
        }
        // only the selected trace is drawn, and the list holds at most 300 entries
        assertThat(browser.driver().findElements(By.cssSelector("#v-list .item"))).hasSize(Math.min(300, traces));
        WebElement list = browser.driver().findElement(By.id("v-list"));
        start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            list.sendKeys(Keys.ARROW_DOWN);
        }
        double switchMs = (System.nanoTime() - start) / 1e6 / 20;
        String last = browser.driver().findElements(By.cssSelector("#v-list .item-id")).getLast().getText();
        start = System.nanoTime();
        browser.driver().findElement(By.id("v-search")).sendKeys(last);
        waitUntil("return document.querySelectorAll('#v-list .item').length >= 1"
                + " && document.querySelector('#v-head .trace-id').textContent === arguments[0]", last);
        double searchMs = (System.nanoTime() - start) / 1e6;
        Number sortMs = (Number) browser.js("var t = performance.now(); var s = document.getElementById('v-sort');"
                + " s.value = 'id'; s.dispatchEvent(new Event('change')); return performance.now() - t;");
        System.out.printf("%,d traces: page %,d KB, loaded and drawn in %.0f ms, %.0f ms per trace switch"
                        + " (keyboard, through WebDriver), search %.0f ms (120 ms of it debounce), sort %.1f ms%n", traces,
                java.nio.file.Files.size(page) / 1024, loadMs, switchMs, searchMs, sortMs.doubleValue());
        assertThat(loadMs).isLessThan(5000);
        assertThat(switchMs).isLessThan(300);
        assertThat(searchMs).isLessThan(2000);
        assertThat(sortMs.doubleValue()).isLessThan(500);
        assertThat(browser.consoleProblems()).isEmpty();
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static void open(Path page) {
        browser.resize(1400, 900);
        browser.open(page);
        browser.consoleProblems(); // nothing of an earlier page counts
        browser.open(page);
        waitUntil("return document.readyState === 'complete'");
    }

    /** A screenshot of one section, the window made as tall as the section. */
    private static void shoot(String name, String section) throws IOException {
        long height = ((Number) browser.js("var s = document.getElementById(arguments[0]); s.scrollIntoView();"
                + " return Math.min(3000, Math.ceil(s.getBoundingClientRect().height) + 40);", section)).longValue();
        browser.resize(1400, (int) Math.max(700, height + 140));
        browser.js("document.getElementById(arguments[0]).scrollIntoView();", section);
        Path file = browser.screenshot(SHOTS.resolve(name + ".png"));
        System.out.println("screenshot: " + file.toAbsolutePath());
    }

    private static String text(String css) {
        return browser.driver().findElement(By.cssSelector(css)).getText();
    }

    private static int visible(String css) {
        return (int) browser.driver().findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).count();
    }

    /** Polls a script until it returns true (10 s at most). */
    private static void waitUntil(String condition, Object... args) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!Boolean.TRUE.equals(browser.js(condition, args))) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for: " + condition);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }
}

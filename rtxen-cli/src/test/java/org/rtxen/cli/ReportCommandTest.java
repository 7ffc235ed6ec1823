package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * {@code rtxen report} in a real headless Chromium (Debian's chromium and chromium-driver, driven with Selenium
 * through /usr/bin/chromedriver, so nothing is downloaded): the page loads without console errors and draws the
 * bars derived by hand below. CI installs both (.ci/run sets RTXEN_CI; CI also sets CI=true), and there the
 * browser test must run.
 */
@Timeout(180)
class ReportCommandTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /**
     * One pCPU under RTDS without extratime (the same as rtxen-timeline's golden/budget.yaml, derived in its
     * JobCsvWriterTest): vm (4 ms / 10 ms) runs its 2 ms job at 0-2, 10-12, 20-22 and 30-32 ms; slow (1 ms / 20 ms)
     * runs 2-3 ms, is out of budget 3-20 ms, waits behind vm 20-22 ms, runs 22-23 ms (finishing job 0 after its 20 ms
     * deadline: a miss) and is out of budget again from 23 ms to the end.
     */
    private static final String SCENARIO = """
            duration: 40ms
            seed: 1
            host: {pcpus: 1}
            pools: [{name: Pool-0, scheduler: rtds, pcpus: [0]}]
            domains:
              - name: vm
                rtds: {period: 10ms, budget: 4ms, extratime: false}
                guest: {tasks: [{name: t, period: 10ms, wcet: 2ms}]}
              - name: slow
                rtds: {period: 20ms, budget: 1ms, extratime: false}
                guest: {tasks: [{name: t, period: 20ms, wcet: 2ms}]}
            """;
    private static final long MS = 1_000_000;

    @TempDir
    static Path dir;
    private static Path page;
    private static ChromeDriver browser;

    @BeforeAll
    static void writeReportAndOpenIt() throws IOException {
        Path scenario = Files.writeString(dir.resolve("budget.yaml"), SCENARIO);
        page = dir.resolve("report.html");
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("report", scenario.toString(), "-o", page.toString());
        assertEquals(0, r.status(), r.err());
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("RTXEN_CI") == null && !"true".equals(System.getenv("CI"))) {
            assumeTrue(installed, "chromium/chromedriver not installed (apt-get install chromium chromium-driver); "
                    + "browser checks skipped outside CI");
        }
        assertTrue(installed, "CI must install chromium and chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1200");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        browser.get(page.toUri().toString());
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) browser.quit();
    }

    /** No URL but the SVG namespace name (an identifier, never fetched), and no external script, style or image. */
    @Test
    void page_isSelfContained() throws IOException {
        String html = Files.readString(page);
        String rest = html.replace("http://www.w3.org/2000/svg", "");
        assertTrue(!rest.contains("http://") && !rest.contains("https://") && !rest.contains("src=")
                && !rest.contains("<link rel=\"stylesheet\""), "the page must not load anything");
        assertTrue(html.contains("1 of 2 tasks missed in 40.000ms: slow/t (1 of 2 jobs)"));
    }

    @Test
    void browser_loadsWithoutConsoleErrors() {
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertEquals(List.of(), severe.stream().map(LogEntry::getMessage).toList());
        assertEquals(1, browser.findElements(By.cssSelector("#gantt svg")).size());
    }

    @Test
    void browser_drawsTheExpectedBars() {
        assertEquals(List.of("vm v0 0-2", "slow v0 2-3", "vm v0 10-12", "vm v0 20-22", "slow v0 22-23",
                "vm v0 30-32"), bars("pCPU 0 (Pool-0)"));
        assertEquals(List.of("runnable 0-2", "running 2-3", "out of budget 3-20", "runnable 20-22", "running 22-23",
                "out of budget 23-40"), bars("slow v0"));
        assertEquals(List.of("job 0 0-23", "job 1 (unfinished) 23-40"), bars("slow task t"));
        List<WebElement> misses = browser.findElements(By.cssSelector("polygon.miss[data-row='slow task t']"));
        assertEquals(1, misses.size());
        assertEquals(Long.toString(20 * MS), misses.get(0).getAttribute("data-at"));
        assertEquals(4, browser.findElements(By.cssSelector("polygon.release[data-row='vm task t']")).size());
        // One histogram per task; vm's four 2 ms responses fall in one bin.
        assertEquals(2, browser.findElements(By.cssSelector(".histogram")).size());
        int vmJobs = browser.findElements(By.cssSelector(".histogram[data-row='vm task t'] rect.bar")).stream()
                .mapToInt(b -> Integer.parseInt(b.getAttribute("data-count"))).sum();
        assertEquals(4, vmJobs);
    }

    @Test
    void browser_zoomButtonsHalveAndRestoreTheView() {
        browser.findElement(By.id("zoom-reset")).click();
        browser.findElement(By.id("zoom-in")).click();
        WebElement svg = browser.findElement(By.cssSelector("#gantt svg"));
        long from = Long.parseLong(svg.getAttribute("data-from"));
        long to = Long.parseLong(svg.getAttribute("data-to"));
        assertEquals(20 * MS, to - from);
        browser.findElement(By.id("zoom-reset")).click();
        svg = browser.findElement(By.cssSelector("#gantt svg"));
        assertEquals(Long.toString(40 * MS), svg.getAttribute("data-to"));
    }

    /** The bars of one Gantt row as "name start-end" in ms, in time order. */
    private static List<String> bars(String row) {
        browser.findElement(By.id("zoom-reset")).click();
        return browser.findElements(By.cssSelector("rect.slice[data-row='" + row + "']")).stream()
                .map(b -> b.getAttribute("data-name") + " " + Long.parseLong(b.getAttribute("data-start")) / MS + "-"
                        + Long.parseLong(b.getAttribute("data-end")) / MS)
                .toList();
    }
}

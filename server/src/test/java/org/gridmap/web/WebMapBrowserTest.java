package org.gridmap.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.SmallSampleTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web map in Debian's headless Chromium (chromium + chromium-driver, which ./gridmap test installs): log in,
 * see the district's counts and who must move at the chosen warning level, switch language; no console errors.
 * Screenshots go to server/target/screenshots/.
 */
@MicronautTest(transactional = false)
class WebMapBrowserTest extends SmallSampleTest {
    WebDriver browser;
    Path shots;

    @BeforeAll
    void browser() throws Exception {
        String token = api.login("district");
        api.runAndWait(token, "R50");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,900",
                "--user-data-dir=" + Files.createTempDirectory("gridmap-chromium-"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        browser = new ChromeDriver(service, options);
        shots = Files.createDirectories(Path.of("target", "screenshots"));
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    void shot(String name) throws Exception {
        Files.write(shots.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void aFloodOfficeLogsInAndSeesWhoMustMove() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(server.getURI() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertEquals("zh-CN", browser.findElement(By.tagName("html")).getAttribute("lang"));
        browser.findElement(By.id("username")).sendKeys("district");
        browser.findElement(By.id("password")).sendKeys(Api.DEMO_PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        try {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("summary-table")));
        } catch (org.openqa.selenium.TimeoutException e) {
            shot("timeout");
            throw new AssertionError("no summary table; page says: " + browser.findElement(By.tagName("body")).getText()
                    + "; console: " + browser.manage().logs().get(LogType.BROWSER).getAll(), e);
        }
        JsonNode s = api.get("/api/risk/summary?area=220802&scenario=R50&warning_level=II", api.login("district")).json();
        String mustMove = browser.findElement(By.id("must-move")).getText();
        assertTrue(mustMove.contains("须转移") && mustMove.contains(String.valueOf(s.get("must_move_households").asLong())),
                mustMove);
        assertEquals(s.get("children").size() + 2, browser.findElements(By.cssSelector("#summary-table tr")).size(),
                "a row per street, the district and the header");
        Thread.sleep(1500); // let the vector tiles draw for the screenshot
        shot("map-zh");

        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "Grid map · flood response"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("must-move"), "Must move"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("leaflet-control-layers"), "Flood zones"));
        shot("map-en");

        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertTrue(severe.isEmpty(), "console errors: " + severe);
    }
}

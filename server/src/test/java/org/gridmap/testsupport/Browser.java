package org.gridmap.testsupport;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

/**
 * Debian's headless Chromium driven by chromedriver (both installed by ./gridmap test), for the web map's browser
 * tests: a fresh profile each time, the browser console kept, screenshots in server/target/screenshots/.
 */
public final class Browser implements AutoCloseable {
    public final WebDriver driver;
    private final URI base;
    private final Path shots;

    public Browser(URI base, int width, int height) {
        this.base = base;
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        try {
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--window-size=" + width + "," + height,
                    "--user-data-dir=" + Files.createTempDirectory("gridmap-chromium-"));
            this.shots = Files.createDirectories(Path.of("target", "screenshots"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        // The page keeps its map to itself (no globals); tests reach it as window.testMap, set by a hook on Leaflet's
        // map constructor installed before any page script runs.
        chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", MAP_HOOK));
        if (width < 500) {
            // Headless windows are at least 500 px wide: a phone's viewport is emulated (a touch device's CSS pixels).
            chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", width,
                    "height", height, "deviceScaleFactor", 1, "mobile", true));
        }
        this.driver = chrome;
    }

    /** Catches Leaflet when its script defines window.L and registers a hook that keeps each new map. */
    private static final String MAP_HOOK = """
            (() => {
              let leaflet;
              Object.defineProperty(window, 'L', { configurable: true, enumerable: true,
                get() { return leaflet; },
                set(v) {
                  leaflet = v;
                  if (v && v.Map && v.Map.addInitHook) v.Map.addInitHook(function () { window.testMap = this; });
                } });
            })();
            """;

    /** A wait that reads an element again when the page replaced it meanwhile. */
    public WebDriverWait waitUpTo(int seconds) {
        WebDriverWait w = new WebDriverWait(driver, Duration.ofSeconds(seconds));
        w.ignoring(StaleElementReferenceException.class);
        return w;
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Logs in afresh on the map page (the session's token and the language choice dropped first). */
    public void logIn(String user, String password) {
        WebDriverWait wait = waitUpTo(30);
        driver.get(base + "/");
        js("sessionStorage.clear(); localStorage.clear();");
        driver.get(base + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("summary-table")));
    }

    /** An element's text, read again if the page replaced the element between finding and reading it. */
    public String textOf(By by) {
        for (int attempt = 0; ; attempt++) {
            try {
                return driver.findElement(by).getText();
            } catch (StaleElementReferenceException e) {
                if (attempt >= 20) {
                    throw e;
                }
            }
        }
    }

    /** A click on the map at a point (through the map's own projection). */
    public void clickMapAt(double lat, double lon) {
        atMapPoint(lat, lon).click().perform();
    }

    /** A double click on the map at a point (ends a line or polygon being drawn). */
    public void doubleClickMapAt(double lat, double lon) {
        atMapPoint(lat, lon).doubleClick().perform();
    }

    /** The pointer moved over the map to a point's pixel (Actions offsets are from the element's centre). */
    private Actions atMapPoint(double lat, double lon) {
        @SuppressWarnings("unchecked")
        Map<String, Number> pt = (Map<String, Number>) js(
                "const p = testMap.latLngToContainerPoint([arguments[0], arguments[1]]); return {x: p.x, y: p.y};",
                lat, lon);
        WebElement mapEl = driver.findElement(By.id("map"));
        return new Actions(driver).moveToElement(mapEl, pt.get("x").intValue() - mapEl.getSize().getWidth() / 2,
                pt.get("y").intValue() - mapEl.getSize().getHeight() / 2);
    }

    public Path shot(String name) {
        try {
            Path p = shots.resolve(name + ".png");
            Files.write(p, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return p;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The page printed to PDF by Chromium (as 打印 → 另存为 PDF does), kept beside the screenshots. */
    public Path pdf(String name, boolean landscape) {
        try {
            Map<String, Object> r = ((ChromeDriver) driver).executeCdpCommand("Page.printToPDF", Map.of(
                    "landscape", landscape, "preferCSSPageSize", true, "printBackground", true));
            Path p = shots.resolve(name + ".pdf");
            Files.write(p, java.util.Base64.getDecoder().decode((String) r.get("data")));
            return p;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path shots() {
        return shots;
    }

    /** The console's errors so far (CSP violations, uncaught exceptions, failed loads). */
    public List<LogEntry> severe() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}

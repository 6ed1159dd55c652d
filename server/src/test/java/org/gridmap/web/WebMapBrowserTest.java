package org.gridmap.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.Browser;
import org.gridmap.testsupport.SmallSampleTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.gridmap.testsupport.Sql;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web map in Debian's headless Chromium (chromium + chromium-driver, which ./gridmap test installs): log in,
 * see the district's counts and who must move at the chosen warning level, switch language; no console errors.
 * Screenshots go to server/target/screenshots/.
 */
@MicronautTest(transactional = false)
class WebMapBrowserTest extends SmallSampleTest {
    Browser b;
    WebDriver browser;
    Path shots;

    @BeforeAll
    void browser() {
        String token = api.login("district");
        api.runAndWait(token, "R50");
        api.runAndWait(token, "R20");
        b = new Browser(server.getURI(), 1400, 900);
        browser = b.driver;
        shots = b.shots();
    }

    @AfterAll
    void close() {
        if (b != null) {
            b.close();
        }
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("gridmap.tickets.escalation-interval", "500ms", "gridmap.tickets.escalation-initial-delay", "0s");
    }

    void logIn(WebDriverWait wait, String user) {
        b.logIn(user, Api.DEMO_PASSWORD);
    }

    WebDriverWait waitUpTo(int seconds) {
        return b.waitUpTo(seconds);
    }

    void clickMapAt(double lat, double lon) {
        b.clickMapAt(lat, lon);
    }

    String textOf(By by) {
        return b.textOf(by);
    }

    @Test
    void aTicketIsFiledOnTheMapFoundAgainAndItsEscalationShows() throws Exception {
        WebDriverWait wait = waitUpTo(30);
        logIn(wait, "district");
        Sql.GridPoint p = Sql.pointInGrid(ds, "", 7, 30, false);
        String grid = p.gridCode();
        double lat = p.lat();
        double lon = p.lon();
        ((JavascriptExecutor) browser).executeScript("testMap.setView([arguments[0], arguments[1]], 17, {animate: false})",
                lat, lon);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("ticket-new"))).click();
        clickMapAt(lat, lon);
        JsonNode g = api.get("/api/grids/" + grid, token()).json();
        wait.until(ExpectedConditions.textToBe(By.id("ticket-grid"), g.get("name").asText()));
        assertTrue(textOf(By.id("ticket-route")).contains(grid));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("ticket-category"))).selectByValue("FLOOD");
        browser.findElement(By.id("ticket-description")).sendKeys("小区门口积水，车辆无法通行");
        browser.findElement(By.id("ticket-phone")).sendKeys("13700001111");
        shot("ticket-form");
        browser.findElement(By.id("ticket-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ticket-number")));
        String number = textOf(By.id("ticket-number"));
        assertEquals(grid, Sql.value(ds, "SELECT grid_code FROM ticket WHERE number = '" + number + "'"));
        assertEquals("小区门口积水，车辆无法通行", Sql.value(ds, "SELECT description FROM ticket WHERE number = '" + number + "'"));

        // Found again: a marker with its number on the map and a row in the list; its timeline is open.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".leaflet-marker-icon[title='" + number + "']")));
        assertTrue(textOf(By.id("ticket-list")).contains(number));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-timeline"), "登记"));
        assertTrue(textOf(By.id("ticket-detail-level")).contains("社区"));
        shot("ticket-filed");

        // It goes overdue: the escalation sweep lifts it to the street, and the open map shows it without a reload.
        Sql.exec(ds, "UPDATE ticket SET due_at = now() - interval '1 minute' WHERE number = '" + number + "'");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-detail-level"), "街道"));
        assertTrue(textOf(By.id("ticket-timeline")).contains("上报"));
        assertTrue(textOf(By.id("ticket-timeline")).contains("超时自动上报"));
        shot("ticket-escalated");
        assertTrue(textOf(By.id("ticket-stats-table")).contains("办结率"));

        List<LogEntry> severe = b.severe();
        assertTrue(severe.isEmpty(), "console errors: " + severe);
    }

    String token() {
        return api.login("district");
    }

    /** A red building of a grid under R50, with a point inside it. */
    Map<String, Object> redBuilding(String grid) throws Exception {
        try (var c = ds.getConnection(); var st = c.createStatement(); var rs = st.executeQuery(
                "SELECT b.building_id, ST_Y(p), ST_X(p) FROM building b JOIN risk_building rb ON rb.building_id = b.id "
                + "JOIN risk_current rc ON rc.run_id = rb.run_id JOIN flood_scenario f ON f.id = rc.scenario_id "
                + "CROSS JOIN LATERAL ST_PointOnSurface(b.geom) p WHERE f.code = 'R50' AND b.grid_code = '" + grid
                + "' AND gm_risk_color(rb.worst_rule::smallint) = 'RED' ORDER BY ST_Area(b.geom) DESC LIMIT 1")) {
            assertTrue(rs.next(), "a red building in " + grid);
            return Map.of("id", rs.getString(1), "lat", rs.getDouble(2), "lon", rs.getDouble(3));
        }
    }

    void shot(String name) {
        b.shot(name);
    }

    @Test
    void aFloodOfficeLogsInAndSeesWhoMustMove() throws Exception {
        WebDriverWait wait = waitUpTo(30);
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
                    + "; console: " + b.severe(), e);
        }
        String first = browser.findElement(By.id("scenario")).getAttribute("value");
        JsonNode s = api.get("/api/risk/summary?area=220802&scenario=" + first + "&warning_level=II", token()).json();
        String mustMove = textOf(By.id("must-move"));
        assertTrue(mustMove.contains("须转移") && mustMove.contains(String.valueOf(s.get("must_move_households").asLong())),
                mustMove);
        assertEquals(s.get("children").size() + 2, browser.findElements(By.cssSelector("#summary-table tr")).size(),
                "a row per street, the district and the header");
        Thread.sleep(1500); // let the vector tiles draw for the screenshot
        shot("map-zh");

        // A street's row opens into its communities.
        WebElement street = browser.findElement(By.cssSelector("#summary-table tr.street-row"));
        String streetCode = street.getAttribute("data-code");
        street.click();
        JsonNode streetSummary = api.get("/api/risk/summary?area=" + streetCode + "&scenario=" + first + "&warning_level=II",
                token()).json();
        wait.until(d -> d.findElements(By.cssSelector("tr.community-row[data-parent='" + streetCode + "']")).size()
                == streetSummary.get("children").size());

        // Switch scenario: the district's must-move figure follows. The rest of the walk is under R50.
        String other = first.equals("R50") ? "R20" : "R50";
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("scenario"))).selectByValue(other);
        long moveOther = api.get("/api/risk/summary?area=220802&scenario=" + other + "&warning_level=II", token()).json()
                .get("must_move_households").asLong();
        assertTrue(moveOther != s.get("must_move_households").asLong(), "R20 and R50 differ in the sample");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("must-move"), "须转移: " + moveOther + " "));
        shot("scenario-" + other);
        if (!other.equals("R50")) {
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("scenario"))).selectByValue("R50");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("must-move"),
                    "须转移: " + s.get("must_move_households").asLong() + " "));
        }

        // Find the grid with the most red households by its community's name; its panel shows stewards and findings.
        String grid = (String) Sql.value(ds, "SELECT a.code FROM risk_area a JOIN risk_current c USING (run_id) "
                + "JOIN flood_scenario f ON f.id = c.scenario_id AND f.code = 'R50' WHERE length(a.code) = 15 "
                + "ORDER BY a.hh[1] DESC, a.code LIMIT 1");
        JsonNode g = api.get("/api/grids/" + grid, token()).json();
        WebElement search = browser.findElement(By.id("grid-search"));
        search.sendKeys(g.get("community_name").asText());
        By result = By.cssSelector("#search-results li[data-code='" + grid + "']");
        wait.until(ExpectedConditions.elementToBeClickable(result)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("grid-stewards")));
        List<WebElement> stewards = browser.findElements(By.cssSelector("#grid-stewards li"));
        assertEquals(Math.max(1, g.get("stewards").size()), stewards.size());
        for (JsonNode st : g.get("stewards")) {
            if (st.hasNonNull("phone")) {
                assertTrue(st.get("phone").asText().contains("****"), "phones are masked by the server");
                assertTrue(textOf(By.id("grid-stewards")).contains(st.get("phone").asText()));
            }
        }
        assertEquals(Math.max(1, g.get("coverage_findings").size()),
                browser.findElements(By.cssSelector("#grid-findings li")).size());
        JsonNode gs = api.get("/api/risk/summary?area=" + grid + "&scenario=R50&warning_level=II", token()).json();
        long gridMove = gs.get("must_move_households").asLong();
        assertTrue(gridMove > 0, "the reddest grid has households to move");
        assertTrue(textOf(By.id("grid-must-move")).contains(String.valueOf(gridMove)));
        shot("grid-panel");

        // Click a red building of that grid: the popup gives its colour and the reason in words.
        Map<String, Object> red = redBuilding(grid);
        ((JavascriptExecutor) browser).executeScript("testMap.setView([arguments[0], arguments[1]], 18, {animate: false})",
                red.get("lat"), red.get("lon"));
        Thread.sleep(2500); // the building tiles of the new view
        clickMapAt((Double) red.get("lat"), (Double) red.get("lon"));
        JsonNode why = api.get("/api/buildings/" + red.get("id") + "/risk?scenario=R50", token()).json();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("leaflet-popup-content"),
                why.get("reason_zh").asText()));
        shot("building-popup");

        // The grid's transfer sheet: every household that must move, ready for A4.
        String href = browser.findElement(By.id("grid-print")).getAttribute("href");
        browser.get(href);
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        assertEquals(gridMove, browser.findElements(By.cssSelector("#sheet-table tbody tr")).size(),
                "one row per household that must move");
        assertTrue(textOf(By.id("sheet-total")).contains(String.valueOf(gridMove)));
        String sheetText = textOf(By.id("sheet-table"));
        assertFalse(Pattern.compile("1[3-9]\\d{9}").matcher(sheetText).find(), "no clear phone number on the sheet");
        shot("print-sheet");
        PrintOptions a4 = new PrintOptions();
        a4.setPageSize(new PageSize(29.7, 21.0));
        Pdf pdf = ((PrintsPage) browser).print(a4);
        byte[] bytes = Base64.getDecoder().decode(pdf.getContent());
        Files.write(shots.resolve("print-sheet.pdf"), bytes);
        String raw = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        Matcher pages = Pattern.compile("/Type\\s*/Page[^s]").matcher(raw);
        int n = 0;
        while (pages.find()) {
            n++;
        }
        assertTrue(n >= 1 && n <= 2 + gridMove / 30, "A4 pages: " + n);
        Matcher box = Pattern.compile("/MediaBox\\s*\\[\\s*0 0 ([0-9.]+) ([0-9.]+)").matcher(raw);
        assertTrue(box.find(), "a page size in the PDF");
        // A4 is 595.3 × 841.9 pt; Chromium rounds to whole points.
        assertEquals(595.3, Double.parseDouble(box.group(1)), 1.5, "A4 width in points");
        assertEquals(841.9, Double.parseDouble(box.group(2)), 1.5, "A4 height in points");
        browser.navigate().back();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("summary-table")));

        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "Grid map · flood response"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("must-move"), "Must move"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("leaflet-control-layers"), "Flood zones"));
        shot("map-en");

        List<LogEntry> severe = b.severe();
        assertTrue(severe.isEmpty(), "console errors: " + severe);
    }
}

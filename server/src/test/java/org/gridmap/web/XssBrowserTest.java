package org.gridmap.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.Browser;
import org.gridmap.testsupport.SmallSampleTest;
import org.gridmap.testsupport.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Script in anything a user typed never runs in a staff browser (issue 9): ticket descriptions and addresses filed
 * by a logged-in user and anonymously through Open311, grid, community and street names, building names and
 * addresses, steward names — all the places the map, the grid panel, search, popups and the print sheet show. Each
 * payload would set {@code window.__xss}; afterwards it is still unset, no element the payloads describe exists, the
 * payloads show as text, and the console has no errors (a blocked inline script would be one).
 */
@MicronautTest(transactional = false)
class XssBrowserTest extends SmallSampleTest {
    static final String IMG = "<img src=x onerror=\"window.__xss='img'\">";
    static final String SCRIPT = "<script>window.__xss='script'</script>";
    static final String SVG = "\"><svg onload=window.__xss='svg'>";
    static final String LINK = "<a href=\"javascript:window.__xss='a'\">点我</a>";

    Browser b;
    String grid;
    String building;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("gridmap.tickets.open311-keys", "xss-key", "gridmap.tickets.escalation-enabled", "false");
    }

    @BeforeAll
    void hostileData() {
        String district = api.login("district");
        api.runAndWait(district, "R50");
        Sql.GridPoint p = Sql.pointInGrid(ds, "220802001001", 0, 20, false);
        grid = p.gridCode();
        // Names as an import (or a careless edit) could store them: the imports take them, as text.
        Sql.exec(ds, "UPDATE grid SET name = '" + IMG.replace("'", "''") + "网格' WHERE grid_code = '" + grid + "'");
        Sql.exec(ds, "UPDATE admin_area SET name = '" + SVG.replace("'", "''") + "社区' WHERE code = '"
                + grid.substring(0, 12) + "'");
        Sql.exec(ds, "UPDATE admin_area SET name = '" + SCRIPT.replace("'", "''") + "街道' WHERE code = '"
                + grid.substring(0, 9) + "'");
        Sql.exec(ds, "UPDATE steward SET name = '" + IMG.replace("'", "''") + "' WHERE grid_code = '" + grid + "'");
        building = (String) Sql.value(ds, "SELECT building_id FROM building WHERE grid_code = '" + grid
                + "' ORDER BY building_id LIMIT 1");
        Sql.exec(ds, "UPDATE building SET name = '" + SCRIPT.replace("'", "''") + "', address = '"
                + LINK.replace("'", "''") + "' WHERE grid_code = '" + grid + "'");
        // Tickets: a staff user's, and an anonymous one through Open311.
        String json = "{\"source\":\"WEB\",\"category\":\"FLOOD\",\"description\":" + quote(IMG + SCRIPT + " 门口积水")
                + ",\"address\":" + quote(SVG) + ",\"reporter_name\":" + quote(LINK.substring(0, 40)) + ",\"lon\":"
                + p.lon() + ",\"lat\":" + p.lat() + "}";
        Api.Response staff = api.postJson("/api/tickets", api.login("gridworker"), json, "Idempotency-Key",
                UUID.randomUUID().toString());
        assertEquals(201, staff.status(), staff.toString());
        String form = "api_key=xss-key&service_code=FLOOD&lat=" + p.lat() + "&long=" + (p.lon() + 0.00005)
                + "&description=" + enc(SVG + LINK) + "&address_string=" + enc(IMG);
        Api.Response anonymous = api.sendRaw("POST", "/open311/v2/requests.json", null,
                "application/x-www-form-urlencoded", form);
        assertEquals(201, anonymous.status(), anonymous.toString());
        b = new Browser(server.getURI(), 1400, 900);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @AfterAll
    void close() {
        if (b != null) {
            b.close();
        }
    }

    void nothingRan(String where) {
        try {
            String text = b.driver.switchTo().alert().getText();
            fail(where + ": an alert opened: " + text);
        } catch (NoAlertPresentException expected) {
            // good
        }
        assertNull(b.js("return window.__xss === undefined ? null : String(window.__xss);"), where + ": script ran");
        Object injected = b.js("return document.querySelectorAll('img[src=\"x\"], svg[onload], script:not([src]), "
                + "a[href^=\"javascript\"], [onerror], [onload]').length;");
        assertEquals(0L, ((Number) injected).longValue(), where + ": elements made from the payloads");
    }

    @Test
    void scriptInTicketsNamesAndAddressesNeverRuns() {
        WebDriverWait wait = b.waitUpTo(30);
        b.logIn("district", Api.DEMO_PASSWORD);
        nothingRan("after login (street names in the summary)");

        // The street's row opens into its communities: both names are hostile, both show as text.
        String street = grid.substring(0, 9);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("tr.street-row[data-code='" + street + "']")))
                .click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.community-row[data-code='"
                + grid.substring(0, 12) + "']")));
        assertTrue(b.textOf(By.id("summary-table")).contains(SVG + "社区"), b.textOf(By.id("summary-table")));
        assertTrue(b.textOf(By.id("summary-table")).contains(SCRIPT + "街道"));
        nothingRan("summary and drill-down");

        // Search finds the grid by its code; the result and the grid panel show the hostile names as text.
        b.driver.findElement(By.id("grid-search")).sendKeys(grid);
        By result = By.cssSelector("#search-results li[data-code='" + grid + "']");
        wait.until(ExpectedConditions.elementToBeClickable(result));
        assertTrue(b.textOf(By.id("search-results")).contains(IMG + "网格"), b.textOf(By.id("search-results")));
        nothingRan("search results");
        b.driver.findElement(result).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("grid-stewards")));
        assertTrue(b.textOf(By.id("grid-panel")).contains(IMG + "网格"), b.textOf(By.id("grid-panel")));
        assertTrue(b.textOf(By.id("grid-stewards")).contains(IMG), b.textOf(By.id("grid-stewards")));
        nothingRan("grid panel");
        b.shot("xss-grid-panel");

        // The tickets in view: list and detail, the staff one and the anonymous Open311 one.
        Sql.GridPoint p = Sql.pointInGrid(ds, "220802001001", 0, 20, false);
        b.js("testMap.setView([arguments[0], arguments[1]], 17, {animate: false})", p.lat(), p.lon());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-list"), "门口积水"));
        assertTrue(b.textOf(By.id("ticket-list")).contains(IMG + SCRIPT), b.textOf(By.id("ticket-list")));
        assertTrue(b.textOf(By.id("ticket-list")).contains(SVG + LINK), b.textOf(By.id("ticket-list")));
        nothingRan("ticket list");
        List<org.openqa.selenium.WebElement> rows = b.driver.findElements(By.cssSelector("#ticket-list li[data-id]"));
        for (int k = 0; k < rows.size(); k++) {
            for (int attempt = 0; ; attempt++) { // the list may be redrawn (live feed) between finding and clicking
                try {
                    b.driver.findElements(By.cssSelector("#ticket-list li[data-id]")).get(k).click();
                    break;
                } catch (org.openqa.selenium.StaleElementReferenceException e) {
                    if (attempt >= 20) {
                        throw e;
                    }
                }
            }
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ticket-timeline")));
            nothingRan("ticket detail " + k);
        }
        b.shot("xss-tickets");

        // A building's popup (its name and address are hostile), then the grid's print sheet.
        JsonNode centre = api.get("/api/grids/" + grid, api.login("district")).json();
        assertTrue(centre.get("name").asText().contains("<img"), "the API gives the name as it is stored");
        Sql.GridPoint bp = buildingPoint();
        b.js("testMap.setView([arguments[0], arguments[1]], 18, {animate: false})", bp.lat(), bp.lon());
        sleep(2500);
        b.clickMapAt(bp.lat(), bp.lon());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.className("leaflet-popup-content")));
        nothingRan("building popup");
        String href = b.driver.findElement(By.id("grid-print")).getAttribute("href");
        b.driver.get(href);
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        assertTrue(b.textOf(By.tagName("body")).contains(IMG + "网格"), "the sheet names the grid as text");
        nothingRan("print sheet");
        b.shot("xss-print");
        assertTrue(b.severe().isEmpty(), "console errors (CSP violations?): " + b.severe());
    }

    Sql.GridPoint buildingPoint() {
        try (var c = ds.getConnection(); var st = c.createStatement(); var rs = st.executeQuery(
                "SELECT ST_X(p), ST_Y(p) FROM building, ST_PointOnSurface(geom) p WHERE building_id = '" + building
                        + "'")) {
            rs.next();
            return new Sql.GridPoint(grid, rs.getDouble(1), rs.getDouble(2));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.gridmap.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.Browser;
import org.gridmap.testsupport.SmallSampleTest;
import org.gridmap.testsupport.Sql;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance (issue 12): a community user, in the page, starts a draft, splits a grid by drawing a line on the map,
 * sees the tallies change, undoes, runs a proposal, publishes, and the map then shows the new grids. Screenshots in
 * target/screenshots.
 */
@MicronautTest(transactional = false)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class RedistrictBrowserTest extends SmallSampleTest {

    private static int grids(Browser b) {
        return b.driver.findElements(By.cssSelector("#rd-grids tbody tr")).size();
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void onAPhoneTheModeFitsAndItsToolsAreReachable() throws Exception {
        api.runAndWait(api.login("district"), "R50");
        try (Browser b = new Browser(server.getURI(), 390, 844)) {
            WebDriverWait wait = b.waitUpTo(60);
            b.logIn("street", Api.DEMO_PASSWORD);
            b.driver.findElement(By.id("sheet-toggle")).click();
            // the fold appears once the page has finished setting up the user's modules (after the summary)
            WebElement fold = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#redistrict-details > summary")));
            b.js("arguments[0].scrollIntoView({block: 'center'})", fold);
            wait.until(ExpectedConditions.elementToBeClickable(fold)).click();
            WebElement create = wait.until(ExpectedConditions.elementToBeClickable(By.id("redistrict-new")));
            b.js("arguments[0].scrollIntoView({block: 'center'})", create);
            create.click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rd-grids tbody tr")));
            for (String id : List.of("rd-lasso", "rd-undo", "rd-propose", "rd-publish", "rd-close")) {
                WebElement tool = b.driver.findElement(By.id(id));
                b.js("arguments[0].scrollIntoView({block: 'center'})", tool);
                assertTrue(tool.isDisplayed(), id + " is on the phone's screen");
            }
            assertTrue((Long) b.js("return document.documentElement.scrollWidth") <= 390, "nothing wider than the phone");
            b.shot("redistrict-390");
            b.driver.findElement(By.id("rd-close")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("redistrict-new")));
        }
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aCommunitySplitsAGridUndoesProposesAndPublishesInThePage() throws Exception {
        api.runAndWait(api.login("district"), "R50");
        String community = (String) Sql.value(ds, "SELECT area_code FROM app_user WHERE username = 'community'");
        try (Browser b = new Browser(server.getURI(), 1440, 900)) {
            WebDriverWait wait = b.waitUpTo(60);
            try {
                b.logIn("community", Api.DEMO_PASSWORD);
            } catch (RuntimeException e) {
                b.shot("redistrict-login-failed");
                throw new AssertionError("login: " + b.severe(), e);
            }
            WebElement fold = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#redistrict-details > summary")));
            b.js("arguments[0].scrollIntoView({block: 'center'})", fold);
            wait.until(ExpectedConditions.elementToBeClickable(fold)).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("redistrict-new"))).click();
            try {
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rd-grids tbody tr")));
            } catch (RuntimeException e) {
                b.shot("redistrict-open-failed");
                throw new AssertionError("the draft did not open: " + b.textOf(By.id("redistrict")) + " " + b.severe(), e);
            }
            long draft = Sql.count(ds, "SELECT max(id) FROM redistrict_draft WHERE area_code = '" + community + "'");
            int before = grids(b);
            assertEquals(Sql.count(ds, "SELECT count(*) FROM grid WHERE valid_to IS NULL AND community_code = '"
                    + community + "' AND EXISTS (SELECT 1 FROM building WHERE grid_code = grid.grid_code)"), before,
                    "the draft starts from the current grids");

            // the grid with most households: select its row, fit the map to it, draw a line across it
            JsonNode d = api.get("/api/redistricting/drafts/" + draft, api.login("community")).json();
            JsonNode biggest = null;
            for (JsonNode g : d.get("grids")) {
                if (biggest == null || g.get("households").asInt() > biggest.get("households").asInt()) {
                    biggest = g;
                }
            }
            int key = biggest.get("key").asInt();
            int households = biggest.get("households").asInt();
            String source = biggest.get("source_grid_code").asText();
            String[] box = Sql.row(ds, "SELECT ST_YMin(geom), ST_XMin(geom), ST_YMax(geom), ST_XMax(geom) FROM grid "
                    + "WHERE valid_to IS NULL AND grid_code = '" + source + "'");
            double south = Double.parseDouble(box[0]);
            double west = Double.parseDouble(box[1]);
            double north = Double.parseDouble(box[2]);
            double east = Double.parseDouble(box[3]);
            b.driver.findElement(By.cssSelector("#rd-grids tr[data-key='" + key + "']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rd-grids tr.selected[data-key='"
                    + key + "']")));
            b.js("testMap.fitBounds([[arguments[0], arguments[1]], [arguments[2], arguments[3]]], {animate: false, "
                    + "padding: [60, 60]})", south, west, north, east);
            wait.until(ExpectedConditions.elementToBeClickable(By.id("rd-split"))).click();
            double mid = (south + north) / 2;
            double pad = (east - west) * 0.08;
            b.clickMapAt(mid, west - pad);
            b.doubleClickMapAt(mid, east + pad);
            wait.until(x -> grids(b) == before + 1);
            b.shot("redistrict-split-1440");
            int after = Integer.parseInt(b.textOf(By.cssSelector("#rd-grids tr[data-key='" + key + "'] td:nth-child(3)")));
            assertTrue(after < households, "the split grid holds fewer households: " + after + " of " + households);
            assertTrue(b.textOf(By.id("redistrict-summary")).contains("第 2 版"), b.textOf(By.id("redistrict-summary")));

            wait.until(ExpectedConditions.elementToBeClickable(By.id("rd-undo"))).click();
            wait.until(x -> grids(b) == before);
            assertEquals(String.valueOf(households),
                    b.textOf(By.cssSelector("#rd-grids tr[data-key='" + key + "'] td:nth-child(3)")), "undone");

            wait.until(ExpectedConditions.elementToBeClickable(By.id("rd-propose"))).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rd-proposal")));
            b.shot("redistrict-proposal-1440");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("rd-publish"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("rd-publish-confirm"))).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rd-published")));
            int published = grids(b);
            assertEquals(published, Sql.count(ds, "SELECT count(*) FROM grid WHERE valid_to IS NULL AND community_code = '"
                    + community + "'"), "the drafted grids are the current ones");

            // the map shows the new grids: with the draft closed, a click in a new grid opens that grid's panel
            b.driver.findElement(By.cssSelector("#redistrict-details > summary")).click();
            List<Object[]> inside = Sql.rows(ds, "SELECT grid_code, ST_Y(p), ST_X(p) FROM (SELECT grid_code, "
                    + "ST_PointOnSurface(geom) p FROM grid WHERE valid_to IS NULL AND community_code = '" + community
                    + "' AND version > 1 ORDER BY ST_Area(geom) DESC LIMIT 1) x");
            String code = (String) inside.get(0)[0];
            double lat = ((Number) inside.get(0)[1]).doubleValue();
            double lon = ((Number) inside.get(0)[2]).doubleValue();
            b.js("testMap.setView([arguments[0], arguments[1]], 16, {animate: false})", lat, lon);
            Thread.sleep(1500); // the grid tiles of the new data version load
            b.clickMapAt(lat, lon);
            wait.until(x -> b.textOf(By.id("grid-panel")).contains(code));
            WebElement panel = b.driver.findElement(By.id("grid-panel"));
            assertTrue(panel.isDisplayed());
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("grid-lineage")));
            assertTrue(b.textOf(By.id("grid-lineage")).contains("划入"), "the panel shows where the grid came from: "
                    + b.textOf(By.id("grid-lineage")));
            b.shot("redistrict-published-1440");

            // the 网格划分登记表 of the published plan: one row per grid in force, with its households
            b.driver.get(server.getURI() + "/register.html?area=" + community);
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
            assertEquals(published, b.driver.findElements(By.cssSelector("#register-table tbody tr")).size());
            assertTrue(b.textOf(By.id("register-meta")).contains(String.valueOf(Sql.count(ds, "SELECT sum(households) "
                    + "FROM building WHERE community_code = '" + community + "'"))), b.textOf(By.id("register-meta")));
            b.shot("register-1440");
            b.pdf("register-1440", false);
            var errors = b.severe();
            assertTrue(errors.isEmpty(), "no errors in the console: " + errors);
        }
    }
}

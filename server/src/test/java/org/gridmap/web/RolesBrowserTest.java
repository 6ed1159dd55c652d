package org.gridmap.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.Browser;
import org.gridmap.testsupport.SmallSampleTest;
import org.gridmap.testsupport.Sql;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web map as each role uses it (issue 13), in headless Chromium at 1440×900 and 390×844: every role opens on its
 * own area, named as its users say it, zoomed to it, with only the actions it can use; a hotline operator finds a
 * caller's building by its address and files an urgent ticket there, which the street dispatches, the grid worker
 * starts and resolves, and the hotline follows up and closes — all in the page. Screenshots in target/screenshots.
 */
@MicronautTest(transactional = false)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class RolesBrowserTest extends SmallSampleTest {

    private static String content(Browser b, String id) {
        return String.valueOf(b.js("const e = document.getElementById(arguments[0]); return e ? e.textContent : '';", id));
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void theDistrictOfficeRunsTheColoursFromThePageAndReadsTheFigures() {
        try (Browser b = new Browser(server.getURI(), 1440, 900)) {
            WebDriverWait wait = b.waitUpTo(120);
            b.driver.get(server.getURI() + "/");
            b.js("sessionStorage.clear(); localStorage.clear();");
            b.driver.get(server.getURI() + "/");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            b.driver.findElement(By.id("username")).sendKeys("district");
            b.driver.findElement(By.id("password")).sendKeys(Api.DEMO_PASSWORD);
            b.driver.findElement(By.id("login-submit")).click();
            long runsBefore = Sql.count(ds, "SELECT count(*) FROM risk_run WHERE status = 'SUCCEEDED'");
            if (runsBefore == 0) {
                // A fresh install: nothing says safe. No figures, the grids grey (未计算), no green anywhere.
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-results")));
                wait.until(d -> (Boolean) b.js("let n = 0; testMap.eachLayer(l => { if (l._tiles) n++; }); return n > 0;"));
                b.js("testMap.setZoom(15, {animate: false})");
                try {
                    Thread.sleep(2500);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                // Look at the map as drawn: no green pixel (grid fills and buildings are greyed: 未计算).
                java.nio.file.Path shot = b.shot("fresh-install-no-green");
                java.awt.image.BufferedImage img;
                try {
                    img = javax.imageio.ImageIO.read(shot.toFile());
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                WebElement mapEl = b.driver.findElement(By.id("map"));
                org.openqa.selenium.Rectangle r = mapEl.getRect();
                long greenish = 0;
                long all = 0;
                for (int y = r.getY(); y < Math.min(img.getHeight(), r.getY() + r.getHeight()); y += 2) {
                    for (int x = r.getX(); x < Math.min(img.getWidth(), r.getX() + r.getWidth()); x += 2) {
                        int rgb = img.getRGB(x, y);
                        int red = (rgb >> 16) & 0xff;
                        int green = (rgb >> 8) & 0xff;
                        int blue = rgb & 0xff;
                        all++;
                        if (green > red + 35 && green > blue + 15) {
                            greenish++;
                        }
                    }
                }
                assertTrue(greenish < all / 2000, "green on the map before any run: " + greenish + " of " + all);
                assertFalse(content(b, "summary").contains("绿色"), "no green figure before any run");
            }
            wait.until(ExpectedConditions.elementToBeClickable(By.id("run-start"))).click();
            wait.until(d -> Sql.count(ds, "SELECT count(*) FROM risk_run WHERE status = 'SUCCEEDED'") > runsBefore);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("summary-table")));
            String scenario = String.valueOf(b.js("return document.getElementById('scenario').value"));
            String warning = String.valueOf(b.js("return document.getElementById('warning').value"));
            JsonNode s = api.get("/api/risk/summary?area=220802&scenario=" + scenario + "&warning_level=" + warning,
                    api.login("district")).json();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("must-move"),
                    s.get("must_move_households").asLong() + " 户 · " + s.get("must_move_people").asLong() + " 人"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-info"), "第"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-status"), "已完成"));
            b.shot("district-ran-colours");
        }
        // On a phone: the run is started from the bottom sheet and says when it is done.
        try (Browser b = new Browser(server.getURI(), 390, 844)) {
            WebDriverWait wait = b.waitUpTo(120);
            b.logIn("district", Api.DEMO_PASSWORD);
            long runs = Sql.count(ds, "SELECT count(*) FROM risk_run WHERE status = 'SUCCEEDED'");
            b.driver.findElement(By.id("sheet-toggle")).click();
            WebElement start = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-start")));
            b.js("arguments[0].scrollIntoView({block: 'center'})", start);
            wait.until(ExpectedConditions.elementToBeClickable(By.id("run-start"))).click();
            wait.until(d -> Sql.count(ds, "SELECT count(*) FROM risk_run WHERE status = 'SUCCEEDED'") > runs);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-status"), "已完成"));
            assertTrue((Long) b.js("return document.documentElement.scrollWidth") <= 390, "nothing wider than the phone");
            b.shot("district-ran-colours-390");
        }
    }

    @Test
    void everyRoleOpensOnItsOwnAreaNamedAsItsUsersSayIt() throws Exception {
        api.runAndWait(api.login("district"), "R50");
        String[][] roles = {
            {"district", "全区"}, {"street", "本街道 · 海明街道"}, {"community", "本社区 · 民生社区"},
            {"gridworker", "我的网格 · "}, {"hotline", "全区"}};
        for (int[] size : new int[][] {{1440, 900}, {390, 844}}) {
            try (Browser b = new Browser(server.getURI(), size[0], size[1])) {
                for (String[] role : roles) {
                    b.logIn(role[0], Api.DEMO_PASSWORD);
                    WebDriverWait wait = b.waitUpTo(30);
                    wait.until(d -> content(b, "summary-title").startsWith(role[1]));
                    String area = (String) Sql.value(ds, "SELECT area_code FROM app_user WHERE username = '" + role[0]
                            + "'");
                    if (role[0].equals("gridworker")) {
                        String name = (String) Sql.value(ds, "SELECT name FROM grid WHERE valid_to IS NULL AND "
                                + "grid_code = '" + area + "'");
                        assertTrue(content(b, "summary-title").startsWith("我的网格 · " + name), content(b, "summary-title"));
                        // Its own grid only: no child rows repeating it.
                        assertEquals(0, b.driver.findElements(By.cssSelector("#summary-table tr.street-row")).size());
                    } else if (area.length() == 12) {
                        // A community's rows are its grids, by name.
                        List<WebElement> rows = b.driver.findElements(By.cssSelector("#summary-table tr.street-row"));
                        assertTrue(rows.size() > 0);
                        String first = rows.get(0).getAttribute("data-code");
                        String name = (String) Sql.value(ds, "SELECT name FROM grid WHERE grid_code = '" + first + "'");
                        assertTrue(String.valueOf(b.js("return arguments[0].textContent", rows.get(0))).startsWith(name));
                    }
                    // The map opened on the caller's area: a point inside it is in sight, not under the panel (a
                    // phone's bottom sheet), and the area fills a good part of the map (a grid at most z17).
                    String[] p = Sql.row(ds, "SELECT ST_Y(p), ST_X(p), ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) "
                            + "FROM (SELECT ST_PointOnSurface(geom) p, geom::box2d e FROM " + (area.length() == 15
                            ? "grid WHERE valid_to IS NULL AND grid_code = '" : "admin_area WHERE code = '") + area
                            + "') a");
                    Object[] args = {Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
                            Double.parseDouble(p[3]), Double.parseDouble(p[4]), Double.parseDouble(p[5])};
                    String sight = """
                            const a = arguments;
                            const pt = testMap.latLngToContainerPoint([a[0], a[1]]);
                            const m = testMap.getContainer().getBoundingClientRect();
                            const e = document.elementFromPoint(m.left + pt.x, m.top + pt.y);
                            const v = testMap.getBounds();
                            const share = Math.max((a[4] - a[2]) / (v.getEast() - v.getWest()),
                              (a[5] - a[3]) / (v.getNorth() - v.getSouth()));
                            return !!e && testMap.getContainer().contains(e) && share > 0.15 ? 'ok'
                              : (e ? e.id || e.className : 'nothing') + ' share ' + share.toFixed(2) + ' z' + testMap.getZoom();""";
                    try {
                        wait.until(d -> "ok".equals(b.js(sight, args)));
                    } catch (RuntimeException e) {
                        throw new AssertionError(role[0] + " at " + size[0] + ": " + b.js(sight, args), e);
                    }
                    // Only the district office (and admin) start a 四色 run; the hotline gets no print button.
                    assertEquals(role[0].equals("district"), !b.driver.findElements(By.id("run-start")).isEmpty(),
                            role[0]);
                    b.shot("role-" + role[0] + "-" + size[0]);
                }
                // The hotline opens a grid: no transfer sheet to print (it may not read households).
                String grid = (String) Sql.value(ds, "SELECT grid_code FROM grid WHERE valid_to IS NULL ORDER BY "
                        + "grid_code LIMIT 1");
                b.js("document.getElementById('grid-search').focus()");
                WebElement search = b.driver.findElement(By.id("grid-search"));
                search.sendKeys(grid);
                b.waitUpTo(30).until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#search-results li[data-code='" + grid + "']")));
                search.sendKeys(Keys.ENTER);
                b.waitUpTo(30).until(ExpectedConditions.presenceOfElementLocated(By.id("grid-stewards")));
                assertTrue(b.driver.findElements(By.id("grid-print")).isEmpty(), "no print button for the hotline");
            }
        }
    }

    /** The two screens every role's job is checked on: a desk and a phone. */
    private static final int[][] SIZES = {{1440, 900}, {390, 844}};

    @Test
    void aCallersAddressIsFoundAndItsUrgentTicketIsHandledToTheEndInThePage() throws Exception {
        api.runAndWait(api.login("district"), "R50");
        for (int[] size : SIZES) {
            fileAndHandle(size, size[0] == 1440 ? 3 : 1);
        }
    }

    /** The whole life of an urgent ticket, each role on a screen of {@code size}. */
    private void fileAndHandle(int[] size, int offset) throws Exception {
        String gridOf = "220802001001001";
        String[] building = Sql.row(ds, "SELECT b.building_id, b.address, ST_Y(p), ST_X(p) FROM building b, "
                + "ST_PointOnSurface(b.geom) p WHERE b.grid_code = '" + gridOf + "' AND b.address IS NOT NULL "
                + "ORDER BY b.id LIMIT 1 OFFSET " + offset);
        double lat = Double.parseDouble(building[2]);
        double lon = Double.parseDouble(building[3]);
        String said = building[1].substring(Math.max(0, building[1].length() - 10));
        String number;
        String at = "-" + size[0];
        try (Browser b = new Browser(server.getURI(), size[0], size[1])) {
            // 1. The hotline: the caller gives an address; the operator finds the building and files there.
            b.logIn("hotline", Api.DEMO_PASSWORD);
            WebDriverWait wait = b.waitUpTo(30);
            b.driver.findElement(By.id("grid-search")).sendKeys(said);
            By found = By.cssSelector("#search-results li[data-kind='BUILDING'][data-code='" + building[0] + "']");
            wait.until(ExpectedConditions.elementToBeClickable(found)).click();
            wait.until(d -> (Boolean) b.js("return testMap.getZoom() >= 17 && testMap.getBounds().contains(["
                    + lat + ", " + lon + "])"));
            b.shot("hotline-found-address" + at);
            wait.until(ExpectedConditions.elementToBeClickable(By.id("ticket-new"))).click();
            // The place to tap is in sight, not under the panel (on a phone the sheet folds and a line says what to do).
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("map-hint")));
            assertEquals(Boolean.TRUE, b.js("""
                    const p = testMap.latLngToContainerPoint([arguments[0], arguments[1]]);
                    const m = testMap.getContainer().getBoundingClientRect();
                    const e = document.elementFromPoint(m.left + p.x, m.top + p.y);
                    return !!e && testMap.getContainer().contains(e);""", lat, lon), "the building is not covered");
            b.shot("hotline-placing" + at);
            b.clickMapAt(lat, lon);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-route"), gridOf));
            new Select(b.driver.findElement(By.id("ticket-category"))).selectByValue("FLOOD");
            new Select(b.driver.findElement(By.id("ticket-urgency"))).selectByValue("true");
            b.driver.findElement(By.id("ticket-description")).sendKeys("老人被困家中，水已进屋");
            b.driver.findElement(By.id("ticket-address")).sendKeys(building[1]);
            b.driver.findElement(By.id("ticket-reporter")).sendKeys("李大爷");
            b.driver.findElement(By.id("ticket-phone")).sendKeys("13812345678");
            WebElement submit = b.driver.findElement(By.id("ticket-submit"));
            b.js("arguments[0].scrollIntoView({block: 'center'})", submit);
            submit.click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ticket-number")));
            number = b.textOf(By.id("ticket-number"));
            // The detail shows what was entered (contact masked), the urgency, and the actions the hotline may take.
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-entered"), "李*爷"));
            assertTrue(b.textOf(By.id("ticket-entered")).contains("138****5678"));
            assertTrue(b.textOf(By.id("ticket-detail-status")).contains("紧急"));
            b.shot("hotline-filed-urgent" + at);
        }
        act(size, "street", number, "dispatch", "assignee", "王网格员", "已派遣");
        act(size, "gridworker", number, "start", null, null, "处理中");
        act(size, "gridworker", number, "resolve", null, null, "已办结");
        act(size, "hotline", number, "visit", "rating", "5", "已回访");
        act(size, "hotline", number, "close", null, null, "已关闭");
        JsonNode d = api.get("/api/tickets/" + number, api.login("district")).json();
        assertEquals("CLOSED", d.get("ticket").get("status").asText());
        assertEquals(5, d.get("ticket").get("rating").asInt());
        assertTrue(d.get("ticket").get("urgent").asBoolean());
        List<String> steps = new ArrayList<>();
        d.get("events").forEach(e -> steps.add(e.get("action").asText() + ":" + e.get("actor").asText()));
        assertEquals(List.of("CREATE:hotline", "DISPATCH:street", "START:gridworker", "RESOLVE:gridworker",
                "VISIT:hotline", "CLOSE:hotline"), steps);
    }

    @Test
    void aCommunityPrintsAGridsSheetWithTheWholeGridOnPaperAndAnAuditedCallableList() throws Exception {
        api.runAndWait(api.login("district"), "R50");
        String grid = (String) Sql.value(ds, "SELECT a.code FROM risk_area a JOIN risk_current c USING (run_id) "
                + "JOIN flood_scenario f ON f.id = c.scenario_id AND f.code = 'R50' WHERE a.code LIKE '220802001001%' "
                + "AND length(a.code) = 15 ORDER BY a.hh[1] + a.hh[2] DESC, a.code LIMIT 1");
        for (int[] size : SIZES) {
            printSheet(size, grid);
        }
    }

    /** The community's staff print {@code grid}'s sheet from a screen of {@code size}. */
    private void printSheet(int[] size, String grid) throws Exception {
        try (Browser b = new Browser(server.getURI(), size[0], size[1])) {
            b.logIn("community", Api.DEMO_PASSWORD);
            WebDriverWait wait = b.waitUpTo(60);
            b.driver.get(server.getURI() + "/print.html?grid=" + grid + "&scenario=R50&warning=II");
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
            assertFalse(java.util.regex.Pattern.compile("-\\d+\\.\\d\\d").matcher(content(b, "sheet-table")).find(),
                    "no negative depth: upper floors say 高于水面");
            String firstAddress = (String) Sql.value(ds, "SELECT address FROM building WHERE grid_code = '" + grid
                    + "' AND address IS NOT NULL ORDER BY building_id LIMIT 1");
            // Addresses on the sheet: the part all share once above the table, the rest beside each building.
            assertTrue(firstAddress == null || content(b, "sheet-table").contains(firstAddress.replaceFirst("^.*?[区县]", ""))
                    && content(b, "sheet-meta").contains(firstAddress.replaceFirst("^(.*?[区县]).*$", "$1")),
                    "addresses on the sheet");
            // As printed (print media, A4 portrait and landscape): the grid's whole outline inside the map.
            for (String orientation : new String[] {"portrait", "landscape"}) {
                new Select(b.driver.findElement(By.id("orientation"))).selectByValue(orientation);
                ((org.openqa.selenium.chrome.ChromeDriver) b.driver).executeCdpCommand("Emulation.setEmulatedMedia",
                        java.util.Map.of("media", "print"));
                Thread.sleep(500);
                String inside = String.valueOf(b.js("""
                        let outline = null;
                        testMap.eachLayer(l => { if (l.options && l.options.style && l.options.style.dashArray === '6 4'
                          && l.options.style.color === '#000') outline = l; });
                        if (!outline) return 'no outline';
                        const size = testMap.getSize();
                        const box = document.getElementById('sheet-map').getBoundingClientRect();
                        if (Math.abs(size.x - box.width) > 2 || Math.abs(size.y - box.height) > 2) return 'map not resized';
                        const view = testMap.getBounds();
                        const g = outline.getBounds();
                        const fill = Math.max((g.getEast() - g.getWest()) / (view.getEast() - view.getWest()),
                          (g.getNorth() - g.getSouth()) / (view.getNorth() - view.getSouth()));
                        return view.contains(g) && fill > 0.5 ? 'inside' : 'outside ' + fill;"""));
                assertEquals("inside", inside, orientation);
                ((org.openqa.selenium.chrome.ChromeDriver) b.driver).executeCdpCommand("Emulation.setEmulatedMedia",
                        java.util.Map.of("media", ""));
                b.shot("print-" + orientation + "-" + size[0]);
                // And as Chromium prints it to PDF (kept with the screenshots): one A4 page per ~40 households.
                java.nio.file.Path pdf = b.pdf("print-" + orientation + "-" + size[0], orientation.equals("landscape"));
                assertTrue(new String(java.nio.file.Files.readAllBytes(pdf), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .startsWith("%PDF"), pdf.toString());
            }
            assertFalse(java.util.regex.Pattern.compile("1[3-9]\\d{9}").matcher(content(b, "sheet-table")).find());
            // 打印含电话: a reason, then phones in clear, audited once.
            long reveals = Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'REVEAL' AND object_type = "
                    + "'grid' AND object_id = '" + grid + "'");
            b.driver.findElement(By.id("phones-reason")).sendKeys("夜间逐户电话通知转移");
            b.driver.findElement(By.id("phones-print")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("phones-shown")));
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
            assertTrue(java.util.regex.Pattern.compile("1[3-9]\\d{9}").matcher(content(b, "sheet-table")).find(),
                    "callable phones");
            if (Sql.count(ds, "SELECT count(*) FROM steward WHERE phone IS NOT NULL AND grid_code = '" + grid + "'") > 0) {
                assertFalse(content(b, "sheet-meta").contains("****"), "the stewards' phones are callable too");
            }
            assertTrue(Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'REVEAL' AND object_type = 'grid' "
                    + "AND object_id = '" + grid + "' AND detail->>'reason' = '夜间逐户电话通知转移'") > reveals);
            b.shot("print-with-phones-" + size[0]);
        }
    }

    @Test
    void inEnglishThePageChromeHasNoChineseLeft() throws Exception {
        api.runAndWait(api.login("district"), "R50");
        for (int[] size : new int[][] {{1440, 900}, {390, 844}}) {
            try (Browser b = new Browser(server.getURI(), size[0], size[1])) {
                b.logIn("district", Api.DEMO_PASSWORD);
                WebDriverWait wait = b.waitUpTo(30);
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ticket-filter-scope")));
                b.js("document.getElementById('lang').click()");
                wait.until(d -> "en".equals(b.js("return document.documentElement.lang")));
                wait.until(d -> content(b, "summary-title").startsWith("District"));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ticket-filter-scope")));
                Thread.sleep(1500); // the panels rebuilt in English
                // Page chrome: headings, table heads, buttons, labels, options, placeholders and accessible names.
                // Data (street and community names, ticket texts, addresses) stays as entered and is not chrome.
                String chinese = String.valueOf(b.js("""
                        const out = [];
                        const han = /[\\u3400-\\u9fff]/;
                        const sel = 'header, h1, h2, h3, th, button, label, option, legend, #legend, #run-info, '
                          + '#must-move, .leaflet-control-layers, #sheet-toggle';
                        for (const el of document.querySelectorAll(sel)) {
                          if (el.closest('#ticket-list, #ticket-detail, .leaflet-popup, #user') || el.id === 'lang' || el.id === 'login-lang') continue;
                          for (const n of el.childNodes) {
                            if (n.nodeType === 3 && han.test(n.textContent)) out.push(el.tagName + ':' + n.textContent.trim());
                          }
                        }
                        for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
                          if (el.closest('.leaflet-marker-pane')) continue; // shelters' names are data
                          for (const a of ['placeholder', 'aria-label', 'title']) {
                            const v = el.getAttribute(a);
                            if (v && han.test(v) && !((el.id === 'lang' || el.id === 'login-lang') && a === 'title')) out.push(a + ':' + v);
                          }
                        }
                        return [...new Set(out)].join(' | ');"""));
                b.shot("english-" + size[0]);
                assertEquals("", chinese, "Chinese left in the English page chrome");
            }
        }
    }

    @Test
    void thePanelIsWithinTenTabsOfTheSearchAndATicketCanBePlacedWithTheKeyboard() throws Exception {
        api.runAndWait(api.login("district"), "R50");
        try (Browser b = new Browser(server.getURI(), 1440, 900)) {
            b.logIn("district", Api.DEMO_PASSWORD);
            WebDriverWait wait = b.waitUpTo(30);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-start")));
            b.driver.findElement(By.id("grid-search")).click();
            int presses = 0;
            while (presses < 10 && !(Boolean) b.js("return !!document.activeElement.closest('#panel')")) {
                new org.openqa.selenium.interactions.Actions(b.driver).sendKeys(Keys.TAB).perform();
                presses++;
            }
            assertTrue((Boolean) b.js("return !!document.activeElement.closest('#panel')"),
                    "the panel's first action within 10 Tab presses; at " + b.js("return document.activeElement.outerHTML"));
            assertEquals("run-start", b.js("return document.activeElement.id"), "after " + presses + " presses");

            // A ticket placed without a mouse: Enter on 在地图上登记工单 puts the pin at the centre; arrows move it.
            Sql.GridPoint p = Sql.pointInGrid(ds, "220802001001", 1, 60, false);
            b.js("testMap.setView([arguments[0], arguments[1]], 18, {animate: false})", p.lat(), p.lon());
            b.js("document.getElementById('ticket-new').focus()");
            new org.openqa.selenium.interactions.Actions(b.driver).sendKeys(Keys.ENTER).perform();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-route"), p.gridCode()));
            assertTrue((Boolean) b.js("return document.activeElement.classList.contains('leaflet-marker-icon')"),
                    "the pin has the focus");
            String before = String.valueOf(b.js("const c = testMap.latLngToContainerPoint(testMap.getCenter()); return c.x;"));
            for (int k = 0; k < 3; k++) {
                new org.openqa.selenium.interactions.Actions(b.driver).sendKeys(Keys.ARROW_RIGHT).perform();
            }
            Thread.sleep(800);
            double moved = ((Number) b.js("""
                    let pin = null;
                    testMap.eachLayer(l => { if (l.options && l.options.draggable && l.getLatLng) pin = l; });
                    return testMap.latLngToContainerPoint(pin.getLatLng()).x;""")).doubleValue()
                    - Double.parseDouble(before);
            assertEquals(30, moved, 2, "three arrow presses move the pin 30 px to the right (the map stays)");
            b.shot("ticket-keyboard-pin");
        }
    }

    /** One role opens the ticket from the list (the whole area, not only the view) and takes one action. */
    private void act(int[] size, String user, String number, String action, String field, String value,
                     String statusAfter) {
        try (Browser b = new Browser(server.getURI(), size[0], size[1])) {
            b.logIn(user, Api.DEMO_PASSWORD);
            WebDriverWait wait = b.waitUpTo(30);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ticket-filter-scope")));
            new Select(b.driver.findElement(By.id("ticket-filter-scope"))).selectByValue("area");
            boolean settled = action.equals("visit") || action.equals("close");
            if (settled) { // the list shows open tickets unless asked for all
                new Select(b.driver.findElement(By.id("ticket-filter-status"))).selectByValue("");
            }
            By row = By.xpath("//ul[@id='ticket-list']/li[b[text()='" + number + "']]");
            try {
                wait.until(ExpectedConditions.elementToBeClickable(row));
            } catch (RuntimeException e) {
                b.shot("ticket-" + action + "-by-" + user + "-" + size[0] + "-not-listed");
                throw new AssertionError(user + " does not list " + number + ": " + content(b, "ticket-list") + " / "
                        + b.severe(), e);
            }
            // (The live feed may redraw the list at any moment: each read finds the row afresh.)
            wait.until(d -> d.findElement(row).getAttribute("class").contains("urgent"));
            if (!settled) {
                wait.until(d -> d.findElements(By.cssSelector("#ticket-list li[data-id]")).get(0).getText()
                        .contains(number));
            }
            wait.until(d -> {
                d.findElement(row).click();
                return true;
            });
            if (action.equals("visit")) { // 回访: the operator calls the reporter back; the number in clear, audited
                WebElement reason = wait.until(ExpectedConditions.visibilityOfElementLocated(
                        By.id("ticket-reveal-reason")));
                b.js("arguments[0].scrollIntoView({block: 'center'})", reason);
                reason.sendKeys("回访");
                b.driver.findElement(By.id("ticket-reveal-submit")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-entered"), "13812345678"));
            }
            By button = By.cssSelector("#ticket-actions button[data-action='" + action + "']");
            wait.until(ExpectedConditions.elementToBeClickable(button)).click();
            if (field != null) {
                WebElement input = b.driver.findElement(By.id("ticket-action-" + field));
                if (input.getTagName().equals("select")) {
                    new Select(input).selectByValue(value);
                } else {
                    input.sendKeys(value);
                }
            }
            b.driver.findElement(By.id("ticket-action-submit")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-detail-status"), statusAfter));
            assertFalse(b.driver.findElements(By.cssSelector("#ticket-timeline li")).isEmpty());
            if (field != null) { // what the action recorded is in the timeline, in words
                String recorded = field.equals("rating") ? "非常满意" : value;
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-timeline"), recorded));
            }
            b.shot("ticket-" + action + "-by-" + user + "-" + size[0]);
        }
    }
}

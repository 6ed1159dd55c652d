package org.gridmap.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.Browser;
import org.gridmap.testsupport.SmallSampleTest;
import org.gridmap.testsupport.Sql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance 4 of the evacuation issue in headless Chromium: a field worker on a phone viewport marks a household
 * notified while offline; back online, the update is sent once and the district office's dashboard shows it without
 * a reload; a photographed QR code checks a household in at a shelter.
 */
@MicronautTest(transactional = false)
class EvacuationBrowserTest extends SmallSampleTest {

    @BeforeAll
    void floodMode() throws Exception {
        String token = api.login("district");
        assertEquals("SUCCEEDED", api.runAndWait(token, "R50").get("status").asText());
        Api.Response r = api.postJson("/api/evacuation/flood-mode", token,
                "{\"area\":\"220802\",\"scenario\":\"R50\",\"warning_level\":\"I\"}");
        assertEquals(202, r.status(), r.toString());
        for (int k = 0; k < 1200; k++) {
            JsonNode p = api.get("/api/evacuation/plans/" + r.json().get("id").asLong(), token).json();
            if (!p.get("status").asText().equals("RUNNING")) {
                assertEquals("SUCCEEDED", p.get("status").asText(), p.toString());
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("plan still running");
    }

    /** Cuts the phone's network (ChromeDriver's network conditions: fetches fail, navigator.onLine follows). */
    private static void offline(Browser b, boolean off) {
        ChromeDriver chrome = (ChromeDriver) b.driver;
        if (off) {
            org.openqa.selenium.chromium.ChromiumNetworkConditions c =
                    new org.openqa.selenium.chromium.ChromiumNetworkConditions();
            c.setOffline(true);
            chrome.setNetworkConditions(c);
        } else {
            chrome.deleteNetworkConditions();
        }
    }

    private long count(String status) {
        return Long.parseLong(Sql.value(ds, "SELECT count(*) FROM transfer WHERE status = '" + status + "'")
                .toString());
    }

    @Test
    void anOfflineUpdateReachesTheDashboardAndAScannedCodeChecksIn() throws Exception {
        String street = (String) Sql.value(ds, "SELECT area_code FROM app_user WHERE username = 'street'");
        String grid = (String) Sql.value(ds, "SELECT b.grid_code FROM transfer t JOIN household h ON "
                + "h.id = t.household_id JOIN building b ON b.id = h.building_id WHERE b.grid_code LIKE '" + street
                + "%' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
        try (Browser desk = new Browser(server.getURI(), 1440, 900);
             Browser phone = new Browser(server.getURI(), 390, 844)) {
            desk.logIn("district", Api.DEMO_PASSWORD);
            By notified = By.cssSelector("#evac-table td[data-count='NOTIFIED']");
            desk.waitUpTo(30).until(ExpectedConditions.presenceOfElementLocated(notified));
            assertEquals("0", desk.textOf(notified));
            desk.shot("evacuation-desk-before");

            // A phone's viewport (headless windows are at least 500 px wide).
            ((ChromeDriver) phone.driver).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390,
                    "height", 844, "deviceScaleFactor", 2, "mobile", true));
            phone.driver.get(server.getURI() + "/transfer.html");
            phone.js("sessionStorage.clear(); localStorage.clear();");
            phone.driver.get(server.getURI() + "/transfer.html");
            phone.waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            phone.driver.findElement(By.id("username")).sendKeys("street");
            phone.driver.findElement(By.id("password")).sendKeys(Api.DEMO_PASSWORD);
            phone.driver.findElement(By.id("login-submit")).click();
            phone.waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(By.id("grid")));
            phone.driver.findElement(By.id("grid")).sendKeys(grid);
            phone.driver.findElement(By.cssSelector("#grid-form button[type=submit]")).click();
            By first = By.cssSelector("#transfer-list li.transfer");
            phone.waitUpTo(30).until(ExpectedConditions.presenceOfElementLocated(first));
            long transfer = Long.parseLong(phone.driver.findElement(first).getAttribute("data-id"));
            phone.shot("evacuation-phone-list");

            offline(phone, true);
            phone.driver.findElement(By.cssSelector("#transfer-list li.transfer[data-id='" + transfer
                    + "'] button[data-status='NOTIFIED']")).click();
            phone.waitUpTo(10).until(ExpectedConditions.textMatches(By.id("pending"), java.util.regex.Pattern.compile("1")));
            Thread.sleep(2000);
            assertEquals(0, Sql.count(ds, "SELECT count(*) FROM transfer_event WHERE transfer_id = " + transfer),
                    "nothing reached the server while offline");
            phone.shot("evacuation-phone-offline");

            offline(phone, false);
            for (int k = 0; k < 400 && Sql.count(ds, "SELECT count(*) FROM transfer_event WHERE transfer_id = "
                    + transfer) == 0; k++) {
                Thread.sleep(100);
            }
            assertEquals(1, Sql.count(ds, "SELECT count(*) FROM transfer_event WHERE transfer_id = " + transfer),
                    "sent once when back online; page: online=" + phone.js("return navigator.onLine") + " queue="
                    + phone.js("return localStorage.getItem('gridmap.queue')") + " error="
                    + phone.textOf(By.id("field-error")) + " console=" + phone.severe());
            desk.waitUpTo(20).until(ExpectedConditions.textToBe(notified, "1"));
            desk.shot("evacuation-desk-after");

            // Check-in by a photo of the QR code printed on the sheet.
            String code = (String) Sql.value(ds, "SELECT code FROM transfer WHERE status = 'PENDING' AND "
                    + "shelter_id IS NOT NULL ORDER BY id LIMIT 1");
            String shelter = (String) Sql.value(ds, "SELECT s.shelter_id FROM shelter s JOIN transfer t ON "
                    + "t.shelter_id = s.id WHERE t.code = '" + code + "'");
            BitMatrix m = new QRCodeWriter().encode("GM:" + code, BarcodeFormat.QR_CODE, 400, 400,
                    Map.of(EncodeHintType.MARGIN, 4));
            BufferedImage img = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    img.setRGB(x, y, m.get(x, y) ? 0x000000 : 0xffffff);
                }
            }
            Path photo = Files.createTempFile("gridmap-qr-", ".png");
            ImageIO.write(img, "png", photo.toFile());
            phone.driver.findElement(By.id("tab-checkin")).click();
            phone.waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#shelter option[value='" + shelter + "']")));
            new org.openqa.selenium.support.ui.Select(phone.driver.findElement(By.id("shelter")))
                    .selectByValue(shelter);
            phone.driver.findElement(By.id("scan")).sendKeys(photo.toString());
            phone.waitUpTo(20).until(ExpectedConditions.attributeToBe(By.id("checkin-result"), "class", "ok"));
            phone.shot("evacuation-phone-checkin");
            assertEquals("ARRIVED", Sql.value(ds, "SELECT status FROM transfer WHERE code = '" + code + "'"));
            assertTrue(Sql.count(ds, "SELECT occupancy FROM shelter WHERE shelter_id = '" + shelter + "'") > 0);
            // People with no sheet are registered on the spot and take places at once; hostile text stays text.
            long before = Sql.count(ds, "SELECT occupancy FROM shelter WHERE shelter_id = '" + shelter + "'");
            phone.driver.findElement(By.id("walkin-members")).clear();
            phone.driver.findElement(By.id("walkin-members")).sendKeys("2");
            phone.driver.findElement(By.id("walkin-name")).sendKeys("<img src=x onerror=alert(1)>");
            phone.driver.findElement(By.id("walkin-from")).sendKeys("幸福路3号");
            phone.driver.findElement(By.id("walkin-submit")).click();
            phone.waitUpTo(20).until(ExpectedConditions.textMatches(By.id("walkin-result"),
                    java.util.regex.Pattern.compile("2")));
            assertEquals(before + 2, Sql.count(ds, "SELECT occupancy FROM shelter WHERE shelter_id = '" + shelter
                    + "'"), "walk-in: " + phone.textOf(By.id("walkin-result")));
            assertEquals(1, Sql.count(ds, "SELECT count(*) FROM shelter_walk_in WHERE contact_name = "
                    + "'<img src=x onerror=alert(1)>' AND came_from = '幸福路3号'"));
            phone.shot("evacuation-phone-walkin");
            // The sheet's QR image is served without a token and encodes only the code.
            Api.Response svg = api.get("/api/evacuation/qr/" + code + ".svg", null);
            assertEquals(200, svg.status(), svg.toString());
            assertTrue(svg.body().startsWith("<svg"), svg.body());
            assertEquals(java.util.List.of(), phone.severe(), "no console errors on the phone page");
            int width = ((Number) phone.js("return document.documentElement.scrollWidth")).intValue();
            assertTrue(width <= 390, "the phone page fits 390 px: " + width);
        }
    }
}

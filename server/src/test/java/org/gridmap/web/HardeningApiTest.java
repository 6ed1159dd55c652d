package org.gridmap.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.SmallSampleTest;
import org.gridmap.testsupport.Sql;
import org.gridmap.testsupport.Sql.GridPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an outsider and an insider tried against the running service, each as a test (issue 9): headers that keep
 * script out of the staff pages, a health check that tells nothing, no HTTP Basic, links that never follow a forged
 * Host, TileJSON and OpenAPI that real clients read, repeated and NUL-laden parameters, JSON bodies read strictly,
 * phone and ID numbers masked on every public or non-revealing output, reveals that need a reason and record where
 * they came from, 404s that tell nothing, tickets found by their number, and tokens that grant nothing without claims.
 */
@MicronautTest(transactional = false)
class HardeningApiTest extends SmallSampleTest {
    static final String PUBLIC_BASE = "https://gridmap.taobei.example";
    String district;
    String hotline;
    Sql.GridPoint point;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("gridmap.tickets.open311-keys", "test-key-311", "gridmap.tickets.escalation-enabled", "false",
                "gridmap.http.public-base-url", PUBLIC_BASE);
    }

    @BeforeAll
    void tokens() {
        district = api.login("district");
        hotline = api.login("hotline");
        point = Sql.pointInGrid(ds, "220802001001", 0, 20, false);
    }

    Api.Response file(String token, String json) {
        return api.postJson("/api/tickets", token, json, "Idempotency-Key", UUID.randomUUID().toString());
    }

    String ticket(String description, String address) {
        return "{\"source\":\"HOTLINE_12345\",\"category\":\"FLOOD\",\"description\":\"" + description + "\","
                + (address == null ? "" : "\"address\":\"" + address + "\",") + "\"lon\":" + point.lon() + ",\"lat\":"
                + point.lat() + ",\"reporter_name\":\"张小明\",\"reporter_phone\":\"13912345678\"}";
    }

    // ------------------------------------------------------------------------------------------------ pages

    @Test
    void everyPageCarriesAStrictContentSecurityPolicy() {
        for (String path : new String[] {"/", "/index.html", "/print.html", "/js/app.js", "/config.json"}) {
            Api.Response r = api.get(path, null);
            assertEquals(200, r.status(), path);
            String csp = r.header("Content-Security-Policy");
            assertNotNull(csp, path);
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
                    csp);
            assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"), csp);
            assertEquals("nosniff", r.header("X-Content-Type-Options"), path);
            assertEquals("same-origin", r.header("Referrer-Policy"), path);
            assertEquals("DENY", r.header("X-Frame-Options"), path);
        }
        Api.Response api401 = api.get("/api/areas", null);
        assertEquals(401, api401.status());
        assertEquals("nosniff", api401.header("X-Content-Type-Options"));
    }

    @Test
    void healthTellsAnonymousCallersOnlyUpOrDown() throws Exception {
        Api.Response h = api.get("/health", null);
        assertEquals(200, h.status());
        assertEquals("UP", h.json().get("status").asText(), h.body());
        assertTrue(h.json().path("details").isMissingNode() || h.json().get("details").isNull(), h.body());
        for (String secret : new String[] {"jdbc", "postgres", "PostgreSQL", "diskSpace", "database", "components"}) {
            assertFalse(h.body().contains(secret), secret + " in " + h.body());
        }
    }

    @Test
    void httpBasicIsOff() {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("district:" + Api.DEMO_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        Api.Response r = api.getWith("/api/areas", "Authorization", basic);
        assertEquals(401, r.status(), r.toString());
        String challenge = r.header("WWW-Authenticate");
        assertTrue(challenge == null || !challenge.startsWith("Basic"), "no Basic challenge: " + challenge);
    }

    @Test
    void aTokenWithoutRoleOrAreaGrantsNothing() throws Exception {
        for (JWTClaimsSet claims : new JWTClaimsSet[] {
            new JWTClaimsSet.Builder().subject("intruder").expirationTime(new Date(System.currentTimeMillis() + 60_000))
                    .build(),
            new JWTClaimsSet.Builder().subject("intruder").claim("roles", java.util.List.of("HOTLINE"))
                    .expirationTime(new Date(System.currentTimeMillis() + 60_000)).build(),
            new JWTClaimsSet.Builder().subject("intruder").claim("roles", java.util.List.of("HOTLINE"))
                    .claim("area", "").expirationTime(new Date(System.currentTimeMillis() + 60_000)).build()}) {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
            Api.Response r = api.get("/api/tickets", jwt.serialize());
            assertEquals(401, r.status(), claims + ": " + r);
        }
    }

    // ------------------------------------------------------------------------------------------------ links

    @Test
    void absoluteLinksComeFromConfigurationNeverFromTheHostHeader() throws Exception {
        for (String path : new String[] {"/tiles/grids.json", "/tiles", "/ogc?f=json", "/ogc/collections?f=json",
            "/open311/v2/discovery.json"}) {
            Api.Response r = api.curl(path, "-H", "Host: evil.example", "-H", "Accept: application/json");
            assertEquals(200, r.status(), path + ": " + r);
            assertFalse(r.body().contains("evil.example"), path + ": " + r.body());
            assertTrue(r.body().contains(PUBLIC_BASE), path + ": " + r.body());
        }
    }

    @Test
    void tileJsonUrlsHoldOnlyTheirTilePlaceholders() throws Exception {
        Api.Response r50 = api.get("/tiles/grid_risk.json?scenario=R50", district);
        assertEquals(200, r50.status(), r50.toString());
        assertTrue(r50.json().get("tiles").get(0).asText().endsWith("/tiles/grid_risk/{z}/{x}/{y}.mvt?scenario=R50"),
                r50.body());
        assertEquals(404, api.get("/tiles/grid_risk.json?scenario=NOPE", district).status());
        for (JsonNode layer : api.get("/tiles", district).json()) {
            String id = layer.get("id").asText();
            JsonNode tj = api.get("/tiles/" + id + ".json", district).json();
            String url = tj.get("tiles").get(0).asText();
            Matcher m = Pattern.compile("\\{([^}]*)\\}").matcher(url);
            while (m.find()) {
                assertTrue(m.group(1).matches("[zxy]"), id + ": " + url);
            }
            assertTrue(url.contains("{z}/{x}/{y}"), url);
        }
    }

    @Test
    void everyOgcQueryParameterSaysHowItIsSerialised() {
        JsonNode doc = api.get("/ogc/api", null).json();
        int checked = 0;
        for (JsonNode path : doc.get("paths")) {
            for (JsonNode op : path) {
                for (JsonNode p : op.path("parameters")) {
                    if (p.path("in").asText().equals("query")) {
                        assertEquals("form", p.path("style").asText(), p.toString());
                        assertFalse(p.path("explode").asBoolean(true), p.toString());
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked >= 4, "query parameters checked: " + checked);
    }

    @Test
    void emptyAndOpenEndedDatetimesAreRefusedLikeAnEmptyBbox() {
        for (String q : new String[] {"datetime=", "datetime=../..", "bbox="}) {
            Api.Response r = api.get("/ogc/collections/shelters/items?" + q, null);
            assertEquals(400, r.status(), q + ": " + r);
            assertTrue(r.isProblem(), r.toString());
        }
    }

    @Test
    void aBuildingInNoCommunityIsRefusedNotStoredOutOfEveryonesSight() throws Exception {
        // The format template lies beside the sample's communities: stored, it would have had no grid and no
        // community, so no role could see it and coverage QA would not count it.
        byte[] template;
        try (java.io.InputStream in = getClass().getResourceAsStream("/gisdata/templates/buildings.geojson")) {
            template = in.readAllBytes();
        }
        Api.Response r = api.importFile(district, "buildings.geojson", template, Api.form("kind", "buildings"));
        assertEquals(422, r.status(), r.toString());
        assertTrue(r.body().contains("no_community") && r.body().contains("nearest"), r.body());
        assertEquals(0, Sql.count(ds, "SELECT count(*) FROM building WHERE building_id LIKE 'TPL-%'"));
    }

    @Test
    void numbersHaveOneSpellingInTileAndPageUrls() {
        // One tile, one URL: other scripts' digits, leading zeros and signs are not the tile (Java's parseInt took them).
        int plain = api.get("/tiles/grids/14/13782/5853.mvt", null).status();
        assertTrue(plain == 200 || plain == 204, "the plain spelling is served: " + plain);
        for (String path : new String[] {"/tiles/grids/\u0661\u0664/13782/5853.mvt", "/tiles/grids/014/13782/5853.mvt",
            "/tiles/grids/14/+13782/5853.mvt", "/tiles/grids/14/13782/05853.mvt", "/tiles/grids/14/0x35d6/5853.mvt"}) {
            String url = path.replace("\u0661", "%D9%A1").replace("\u0664", "%D9%A4");
            Api.Response r = api.get(url, null);
            assertEquals(404, r.status(), url + ": " + r);
            assertTrue(r.isProblem(), r.toString());
        }
        for (String q : new String[] {"limit=%D9%A5", "limit=%2B5", "limit=05", "offset=%D9%A5", "offset=01"}) {
            Api.Response r = api.get("/ogc/collections/shelters/items?" + q, null);
            assertEquals(400, r.status(), q + ": " + r);
        }
    }

    // ------------------------------------------------------------------------------------------------ parameters

    @Test
    void aParameterGivenTwiceIsRefused() throws Exception {
        Api.Response r = api.get("/api/tickets?status=PENDING&status=CLOSED", district);
        assertEquals(400, r.status(), r.toString());
        assertEquals("status", r.json().get("parameter").asText());
        Api.Response o = api.get("/open311/v2/requests.json?service_code=FLOOD&service_code=CITY", null);
        assertEquals(400, o.status(), o.toString());
        assertTrue(o.json().isArray() && o.json().get(0).get("description").asText().contains("service_code"), o.body());
        String form = "api_key=test-key-311&api_key=other&service_code=FLOOD&lat=" + point.lat() + "&long=" + point.lon()
                + "&description=x";
        Api.Response twoKeys = api.sendRaw("POST", "/open311/v2/requests.json", null,
                "application/x-www-form-urlencoded", form);
        assertEquals(400, twoKeys.status(), twoKeys.toString());
        assertTrue(twoKeys.body().contains("api_key"), twoKeys.body());
        Api.Response twoLats = api.sendRaw("POST", "/open311/v2/requests.json", null,
                "application/x-www-form-urlencoded", "api_key=test-key-311&service_code=FLOOD&lat=" + point.lat()
                        + "&lat=45.0&long=" + point.lon() + "&description=x");
        assertEquals(400, twoLats.status(), twoLats.toString());
        assertTrue(twoLats.body().contains("lat"), twoLats.body());
    }

    @Test
    void gbkPercentEscapesInAnOpen311FormAreRefused() {
        String form = "api_key=test-key-311&service_code=FLOOD&lat=" + point.lat() + "&long=" + point.lon()
                + "&description=%D6%D0%CE%C4%BB%FD%CB%AE";   // 中文积水 in GBK
        Api.Response r = api.sendRaw("POST", "/open311/v2/requests.json", null, "application/x-www-form-urlencoded",
                form);
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.body().contains("UTF-8"), r.body());
        assertEquals(0, Sql.count(ds, "SELECT count(*) FROM ticket WHERE description LIKE '%\uFFFD%'"));
    }

    @Test
    void jsonBodiesAreReadStrictly() {
        String good = ticket("积水", null);
        for (String[] bad : new String[][] {
            {good.replace("\"lon\":" + point.lon(), "\"lon\":[" + point.lon() + "]"), "lon"},
            {good.replace("\"lon\":" + point.lon(), "\"lon\":\"" + point.lon() + "\""), "lon"},
            {good.replace("\"lon\":" + point.lon(), "\"lng\":" + point.lon()), "lng"},
            {good.replace("{\"source\"", "{\"category\":\"CITY\",\"source\""), "twice"},
            {"{\"source\":", "not valid JSON"},
            {good.replace("积水", "积\\u0000水"), "NUL"},
            {good.replace("积水", "积\\u202e水"), "bidirectional"}}) {
            Api.Response r = file(hotline, bad[0]);
            assertEquals(400, r.status(), bad[0] + " → " + r);
            assertTrue(r.isProblem() && r.body().contains(bad[1]), bad[1] + " in " + r);
            assertFalse(r.body().contains("java") || r.body().contains("Exception") || r.body().contains("Double"),
                    r.body());
        }
    }

    @Test
    void nulBytesAnywhereAnswer400() {
        for (String path : new String[] {"/api/tickets?category=A%00B", "/api/tickets?polygon=POLYGON((1%001,2%202,2%201,1%201))",
            "/api/grids?q=%00", "/ogc/collections/shelters/items?name=%00", "/api/tickets/route?lon=122.8%00&lat=45.6",
            "/api/buildings/B%00X"}) {
            Api.Response r = api.curl(path, "-H", "Authorization: Bearer " + district);
            assertEquals(400, r.status(), path + ": " + r);
            assertTrue(r.body().contains("NUL") || r.body().contains("control character"), path + ": " + r.body());
        }
        Api.Response login = api.postJson("/login", null, "{\"username\":\"dis\\u0000trict\",\"password\":\"x\"}");
        assertEquals(400, login.status(), login.toString());
        Api.Response open311 = api.sendRaw("POST", "/open311/v2/requests.json", null,
                "application/x-www-form-urlencoded", "api_key=test-key-311&service_code=FLOOD&lat=" + point.lat()
                        + "&long=" + point.lon() + "&description=a%00b");
        assertEquals(400, open311.status(), open311.toString());
    }

    @Test
    void errorDetailsNameNoJavaTypesOrClasses() {
        for (String path : new String[] {"/api/tickets/route?lon=abc&lat=45.6", "/api/tickets/route?lat=45.6",
            "/api/tickets/duplicates?lon=1&lat=2", "/api/tickets?page=x"}) {
            Api.Response r = api.get(path, district);
            assertEquals(400, r.status(), path + ": " + r);
            String d = r.json().get("detail").asText();
            assertFalse(d.matches("(?s).*\\b(double|Double|Integer|String|java|Exception|io\\.micronaut)\\b.*"),
                    path + ": " + d);
        }
    }

    // ------------------------------------------------------------------------------------------------ masking

    @Test
    void phoneAndIdNumbersAreMaskedOnEveryNonRevealingOutput() throws Exception {
        String description = "住户电话139-1234-5678，另有＋８６１３８１２３４５６７８，身份证22080219500101123X，旧证220802500101123";
        Api.Response filed = file(hotline, ticket(description, "海明路1号 联系人 139 1234 5678"));
        assertEquals(201, filed.status(), filed.toString());
        JsonNode t = filed.json().get("ticket");
        String number = t.get("number").asText();
        long id = t.get("id").asLong();
        String[] clear = {"1234-5678", "1234 5678", "12345678", "１２３４５６７８", "19500101", "500101123"};
        // Open311: public JSON and XML, one request and the list.
        for (String path : new String[] {"/open311/v2/requests/" + number + ".json", "/open311/v2/requests/" + number
                + ".xml", "/open311/v2/requests.json?service_request_id=" + number}) {
            Api.Response r = api.get(path, null);
            assertEquals(200, r.status(), path);
            for (String c : clear) {
                assertFalse(r.body().contains(c), c + " in " + path + ": " + r.body());
            }
            // a hotline call's words are staff's note: not public at all (Open311's own requests show theirs, masked)
            assertFalse(r.body().contains("住户电话") || r.body().contains("海明路"), r.body());
        }
        // Staff reads for every role: the list, the detail, the filing response itself.
        for (String user : new String[] {"district", "street", "community", "hotline"}) {
            String token = api.login(user);
            for (String path : new String[] {"/api/tickets/" + id, "/api/tickets?size=200"}) {
                Api.Response r = api.get(path, token);
                if (r.status() == 404) {
                    continue; // outside this user's area
                }
                for (String c : clear) {
                    assertFalse(r.body().contains(c), user + " " + path + ": " + c);
                }
            }
        }
        for (String c : clear) {
            assertFalse(filed.body().contains(c), "the filing response: " + c);
        }
        // The reveal shows it in clear, with a reason, and records who, why and from where.
        Api.Response noReason = api.postJson("/api/tickets/" + id + "/reveal", district, "{}");
        assertEquals(400, noReason.status(), noReason.toString());
        Api.Response revealed = api.postJson("/api/tickets/" + number + "/reveal", district,
                "{\"reason\":\"回电核实险情\"}");
        assertEquals(200, revealed.status(), revealed.toString());
        assertEquals(description, revealed.json().get("description").asText());
        assertEquals("回电核实险情", Sql.value(ds, "SELECT detail->>'reason' FROM audit_log WHERE action = "
                + "'TICKET_REVEAL' ORDER BY id DESC LIMIT 1"));
        assertNotNull(Sql.value(ds, "SELECT remote_addr FROM audit_log WHERE action = 'TICKET_REVEAL' ORDER BY id DESC "
                + "LIMIT 1"), "the reveal records the client address");
    }

    @Test
    void householdRevealsRecordTheClientAddress() {
        String household = (String) Sql.value(ds, "SELECT h.household_id FROM household h JOIN building b ON "
                + "b.id = h.building_id WHERE b.grid_code LIKE '220802%' ORDER BY h.household_id LIMIT 1");
        Api.Response r = api.postJson("/api/households/" + household + "/reveal", district, "{\"reason\":\"转移核对\"}");
        assertEquals(200, r.status(), r.toString());
        Object addr = Sql.value(ds, "SELECT remote_addr FROM audit_log WHERE action = 'REVEAL' ORDER BY id DESC LIMIT 1");
        assertNotNull(addr);
        assertTrue(addr.toString().matches("[0-9a-f:.]+"), addr.toString());
    }

    @Test
    void invisibleTextIsNoReasonAndNoDescription() {
        String household = (String) Sql.value(ds, "SELECT h.household_id FROM household h JOIN building b ON "
                + "b.id = h.building_id WHERE b.grid_code LIKE '220802%' ORDER BY h.household_id LIMIT 1");
        long reveals = Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'REVEAL'");
        for (String invisible : List.of("\\u200b\\u200b\\u200b", "\\ufeff\\u2060 \\u200d", " \\u200c \\u200c ", "\\u00a0\\u00a0",
                "\\u3164\\u3164", "\\u2800\\u2800", "\\u115f\\u1160", "\\ufe0f\\ufe0f", "\\u0301\\u0301")) {
            Api.Response r = api.postJson("/api/households/" + household + "/reveal", district, "{\"reason\":\""
                    + invisible + "\"}");
            assertEquals(400, r.status(), invisible + " → " + r);
            assertTrue(r.json().get("detail").asText().contains("visible"), r.toString());
        }
        assertEquals(reveals, Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'REVEAL'"),
                "nothing was revealed");
        GridPoint p = Sql.pointInGrid(ds, "220802", 0, 5, false);
        Api.Response ticket = api.postJson("/api/tickets", district, "{\"source\":\"HOTLINE_12345\",\"category\":"
                + "\"PROPERTY\",\"description\":\"\\u200b\\u200b\",\"lon\":" + p.lon() + ",\"lat\":" + p.lat() + "}",
                "Idempotency-Key", java.util.UUID.randomUUID().toString());
        assertEquals(400, ticket.status(), ticket.toString());
        Api.Response joined = api.postJson("/api/households/" + household + "/reveal", district,
                "{\"reason\":\"转移\\u200d核对\"}");
        assertEquals(200, joined.status(), "visible text with a joiner inside is text: " + joined);
    }

    // ------------------------------------------------------------------------------------------------ tickets

    @Test
    void aTicketIsFoundByTheNumberTheReporterWasTold() {
        Api.Response filed = file(hotline, ticket("路灯不亮", null));
        JsonNode t = filed.json().get("ticket");
        String number = t.get("number").asText();
        Api.Response byNumber = api.get("/api/tickets/" + number, district);
        assertEquals(200, byNumber.status(), byNumber.toString());
        assertEquals(t.get("id").asLong(), byNumber.json().get("ticket").get("id").asLong());
        Api.Response acted = api.postJson("/api/tickets/" + number + "/actions/dispatch", district, "{}");
        assertEquals(200, acted.status(), acted.toString());
        assertEquals(404, api.get("/api/tickets/2026-999999", district).status());
        assertEquals(404, api.get("/api/tickets/abc", district).status());
        // An illegal transition: the RFC 9457 status is the HTTP status; the ticket's own is named apart.
        Api.Response illegal = api.postJson("/api/tickets/" + number + "/actions/close", district, "{}");
        assertEquals(409, illegal.status(), illegal.toString());
        assertEquals(409, illegal.json().get("status").asInt());
        assertEquals("DISPATCHED", illegal.json().get("ticket_status").asText());
    }

    @Test
    void aTicketFarOutsideTheDistrictIsRefused() {
        String far = ticket("远处", null).replace("\"lon\":" + point.lon(), "\"lon\":123.9")
                .replace("\"lat\":" + point.lat(), "\"lat\":45.9");
        Api.Response r = file(hotline, far);
        assertEquals(422, r.status(), r.toString());
        assertTrue(r.json().get("type").asText().endsWith("ticket-location"), r.toString());
        assertTrue(r.json().get("detail").asText().contains("km from the nearest grid"), r.toString());
        assertEquals(422, api.get("/api/tickets/route?lon=123.9&lat=45.9", hotline).status());
    }

    // ------------------------------------------------------------------------------------------------ scope

    @Test
    void aBuildingOutsideTheCallersAreaIsNotFoundLikeOneThatDoesNotExist() {
        api.runAndWait(district, "R50");
        String gridworker = api.login("gridworker");
        String outside = (String) Sql.value(ds, "SELECT b.building_id FROM building b JOIN household h ON "
                + "h.building_id = b.id WHERE b.grid_code <> '220802001001001' ORDER BY b.building_id LIMIT 1");
        Api.Response a = api.get("/api/buildings/" + outside + "/risk?scenario=R50", gridworker);
        Api.Response b = api.get("/api/buildings/NO-SUCH-BUILDING/risk?scenario=R50", gridworker);
        assertEquals(404, a.status(), a.toString());
        assertEquals(404, b.status(), b.toString());
        assertEquals(a.json().get("detail").asText().replace(outside, "?"),
                b.json().get("detail").asText().replace("NO-SUCH-BUILDING", "?"));
        assertFalse(a.body().contains("HH"), "no household id: " + a.body());
        String reveal = URLEncoder.encode(outside, StandardCharsets.UTF_8);
        assertEquals(404, api.get("/api/buildings/" + reveal, gridworker).status());
    }

    @Test
    void theAuditLogHoldsNoRawAttemptedUserNames() {
        Api.Response longName = api.postJson("/login", null, "{\"username\":\"" + "x".repeat(20_000)
                + "\",\"password\":\"x\"}");
        assertEquals(400, longName.status(), longName.toString());
        Api.Response newline = api.postJson("/login", null, "{\"username\":\"admin\\nLOGIN ok\",\"password\":\"x\"}");
        assertEquals(400, newline.status());
        assertEquals(401, api.postJson("/login", null, "{\"username\":\"nobody-" + "y".repeat(40)
                + "\",\"password\":\"x\"}").status());
        assertEquals(0, Sql.count(ds, "SELECT count(*) FROM audit_log WHERE length(actor) > 100 OR actor ~ '[\\n\\r]' "
                + "OR length(coalesce(object_id, '')) > 200"));
        assertNull(Sql.value(ds, "SELECT actor FROM audit_log WHERE actor LIKE 'xxxxxxxxxx%' LIMIT 1"));
    }

    // ------------------------------------------------------------------------------------------------ second trial
    // What an independent attacker found after the first round of fixes (1 December 2026), each refused now.

    @Test
    void healthSaysUpAndNothingElse() {
        Api.Response h = api.get("/health", null);
        assertEquals(200, h.status());
        assertEquals("{\"status\":\"UP\"}", h.body().strip());
    }

    @Test
    void managementRoutesAreNotThere() {
        for (String path : new String[] {"/beans", "/routes", "/info", "/threaddump", "/loggers", "/env", "/health/db"}) {
            Api.Response r = api.get(path, district);
            assertTrue(r.status() == 404 || r.status() == 401, path + ": " + r);
            assertTrue(r.contentType() != null && r.contentType().startsWith("application/problem+json"), path + ": " + r);
        }
    }

    @Test
    void loginBodiesAreReadStrictly() {
        Api.Response twice = api.postJson("/login", null, "{\"username\":\"district\",\"username\":\"admin\","
                + "\"password\":\"" + Api.DEMO_PASSWORD + "\"}");
        assertEquals(400, twice.status(), "a key given twice: " + twice);
        assertTrue(twice.body().contains("twice"), twice.body());
        Api.Response array = api.postJson("/login", null, "{\"username\":[\"district\"],\"password\":\""
                + Api.DEMO_PASSWORD + "\"}");
        assertEquals(400, array.status(), "an array: " + array);
        assertEquals(200, api.postJson("/login", null, "{\"username\":\"district\",\"password\":\""
                + Api.DEMO_PASSWORD + "\"}").status());
    }

    @Test
    void aRevealNeedsTheReasonAsText() {
        String household = (String) Sql.value(ds, "SELECT household_id FROM household ORDER BY household_id LIMIT 1");
        for (String body : new String[] {"{\"reason\":12345}", "{\"reason\":true}", "{\"reason\":[\"x x\"]}",
            "{\"reason\":\"核实住户\",\"reason\":\"x\"}", "{\"reason\":\"核实住户\",\"why\":1}"}) {
            Api.Response r = api.postJson("/api/households/" + household + "/reveal", district, body);
            assertEquals(400, r.status(), body + ": " + r);
            assertFalse(r.body().matches("(?s).*1[3-9]\\d{9}.*"), "no clear phone: " + r.body());
        }
        assertEquals(200, api.postJson("/api/households/" + household + "/reveal", district,
                "{\"reason\":\"核实住户联系方式\"}").status());
    }

    @Test
    void otherWriteRoutesReadTheirBodiesStrictly() {
        Api.Response run = api.postJson("/api/risk/runs", district, "{\"scenario\":[\"R50\"]}");
        assertEquals(400, run.status(), run.toString());
        String rules = api.get("/api/risk/rules", district).body();
        Api.Response arrayDepth = api.send("PUT", "/api/risk/rules", district,
                rules.replaceFirst("\"red_depth_m\":([0-9.]+)", "\"red_depth_m\":[$1]"));
        assertEquals(400, arrayDepth.status(), arrayDepth.toString());
        Api.Response back = api.send("PUT", "/api/risk/rules", district, rules);
        assertEquals(200, back.status(), "what GET gives can be PUT back: " + back);
        String category = api.get("/api/tickets/categories", district).json().get(0).toString();
        String code = api.get("/api/tickets/categories", district).json().get(0).get("code").asText();
        Api.Response hoursAsText = api.send("PUT", "/api/tickets/categories/" + code, district,
                category.replaceFirst("\"community_h\":(\\d+)", "\"community_h\":\"$1\""));
        assertEquals(400, hoursAsText.status(), hoursAsText.toString());
        Api.Response nameTwice = api.send("PUT", "/api/tickets/categories/" + code, district,
                category.replaceFirst("\\{", "{\"name\":\"x\","));
        assertEquals(400, nameTwice.status(), nameTwice.toString());
        assertEquals(200, api.send("PUT", "/api/tickets/categories/" + code, district, category).status(),
                "what GET gives can be PUT back");
    }

    @Test
    void anImportPartGivenTwiceIsRefused() {
        String boundary = "b0undary";
        String part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nshelters\r\n";
        String file = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nshelter_id,name,capacity,lon,lat\r\n";
        Api.Response r = api.sendRaw("POST", "/api/imports", district, "multipart/form-data; boundary=" + boundary,
                part + part.replace("shelters", "grids") + file + "--" + boundary + "--\r\n");
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.body().contains("kind") && r.body().contains("twice"), r.body());
    }

    @Test
    void anOpen311FieldInTheUrlAndTheFormIsRefused() {
        Api.Response r = api.sendRaw("POST", "/open311/v2/requests.json?service_code=CITY", null,
                "application/x-www-form-urlencoded", "api_key=test-key-311&service_code=FLOOD&lat=" + point.lat()
                        + "&long=" + point.lon() + "&description=test");
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.body().contains("service_code"), r.body());
    }

    @Test
    void numbersInJavaSyntaxAreNotCoordinates() {
        Api.Response hex = api.sendRaw("POST", "/open311/v2/requests.json", null, "application/x-www-form-urlencoded",
                "api_key=test-key-311&service_code=FLOOD&lat=0x1.6cfp5&long=" + point.lon() + "&description=test");
        assertEquals(400, hex.status(), hex.toString());
        Api.Response suffix = api.get("/api/tickets?near=" + point.lon() + "d," + point.lat() + "f", district);
        assertEquals(400, suffix.status(), suffix.toString());
    }

    @Test
    void listFiltersAreExact() {
        assertEquals(400, api.get("/api/tickets?overdue=maybe", district).status());
        assertEquals(200, api.get("/api/tickets?overdue=false", district).status());
        Api.Response ring = api.get("/api/tickets?polygon=" + URLEncoder.encode("POLYGON((122.82 45.62,122.83 45.62,"
                + "122.83 45.63))", StandardCharsets.UTF_8), district);
        assertEquals(400, ring.status(), "an unclosed ring: " + ring);
        assertTrue(ring.body().contains("ring"), ring.body());
        assertEquals(400, api.get("/ogc/collections/grids/items?datetime=..", null).status());
    }

    @Test
    void aDuplicateIsLinkedByTheTicketsNumber() {
        JsonNode a = file(hotline, ticket("积水 A", null)).json().get("ticket");
        JsonNode b = file(hotline, ticket("积水 B", null)).json().get("ticket");
        Api.Response r = api.postJson("/api/tickets/" + b.get("number").asText() + "/actions/link-duplicate", district,
                "{\"duplicate_of\":\"" + a.get("number").asText() + "\",\"reason\":\"同一处积水\"}");
        assertEquals(200, r.status(), r.toString());
        assertEquals(a.get("id").asLong(), r.json().get("ticket").get("duplicate_of").asLong());
        Api.Response bad = api.postJson("/api/tickets/" + a.get("number").asText() + "/actions/link-duplicate",
                district, "{\"duplicate_of\":[1]}");
        assertEquals(400, bad.status(), bad.toString());
    }

    @jakarta.inject.Inject
    org.gridmap.support.Instance instance;

    @Test
    void aSecondRunOfARunningScenarioIsAConflictAndOldRunsStayReadable() {
        JsonNode first = api.runAndWait(district, "R20");
        JsonNode second = api.runAndWait(district, "R20");
        assertEquals("SUCCEEDED", second.get("status").asText());
        Api.Response old = api.get("/api/risk/runs/" + first.get("id").asLong(), district);
        assertEquals(200, old.status(), "the run a client was given can still be looked up: " + old);
        assertFalse(old.json().get("current").asBoolean(), old.body());
        // A run of R20 in progress in this (live) process: another start is 409 and names it.
        long scenario = ((Number) Sql.value(ds, "SELECT id FROM flood_scenario WHERE code = 'R20'")).longValue();
        long running = ((Number) Sql.value(ds, "INSERT INTO risk_run (scenario_id, rule_set_version, status, phase, "
                + "created_by, instance_key) SELECT " + scenario + ", max(version), 'RUNNING', 'inputs', 'test', "
                + instance.key() + " FROM risk_rule_set RETURNING id")).longValue();
        try {
            Api.Response r = api.postJson("/api/risk/runs", district, "{\"scenario\":\"R20\"}");
            assertEquals(409, r.status(), r.toString());
            assertEquals(running, r.json().get("run_id").asLong(), r.body());
        } finally {
            Sql.exec(ds, "DELETE FROM risk_run WHERE id = " + running);
        }
    }
}

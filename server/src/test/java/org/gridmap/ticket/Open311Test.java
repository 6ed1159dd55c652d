package org.gridmap.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.SmallSampleTest;
import org.gridmap.testsupport.Sql;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An Open311 GeoReport v2 client's flow, with the specification's field names, in JSON and XML. */
@MicronautTest(transactional = false)
class Open311Test extends SmallSampleTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("gridmap.tickets.open311-keys", "test-key-311", "gridmap.tickets.escalation-enabled", "false");
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURI() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(server.getURI() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Document xml(String s) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aGeoReportClientFilesAndFollowsARequest() throws Exception {
        JsonNode discovery = JSON.readTree(get("/open311/v2/discovery.json").body());
        assertEquals("http://wiki.open311.org/GeoReport_v2", discovery.get("endpoints").get(0).get("specification").asText());

        HttpResponse<String> services = get("/open311/v2/services.json");
        assertEquals(200, services.statusCode());
        JsonNode list = JSON.readTree(services.body());
        assertEquals(Sql.count(ds, "SELECT count(*) FROM ticket_category WHERE active"), list.size());
        JsonNode flood = null;
        for (JsonNode s : list) {
            for (String f : new String[] {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}) {
                assertTrue(s.has(f), f + " in " + s);
            }
            if (s.get("service_code").asText().equals("FLOOD")) {
                flood = s;
            }
        }
        assertEquals("防汛", flood.get("service_name").asText());
        assertEquals("realtime", flood.get("type").asText());
        JsonNode def = JSON.readTree(get("/open311/v2/services/FLOOD.json").body());
        assertEquals("FLOOD", def.get("service_code").asText());
        assertTrue(def.get("attributes").isArray());
        Document sx = xml(get("/open311/v2/services.xml").body());
        assertEquals("services", sx.getDocumentElement().getNodeName());
        assertEquals(list.size(), sx.getElementsByTagName("service").getLength());

        double lon;
        double lat;
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT ST_X(p), ST_Y(p) FROM grid, ST_PointOnSurface(geom) p WHERE valid_to IS NULL ORDER BY grid_code LIMIT 1")) {
            rs.next();
            lon = rs.getDouble(1);
            lat = rs.getDouble(2);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", "test-key-311");
        form.put("service_code", "FLOOD");
        form.put("lat", String.valueOf(lat));
        form.put("long", String.valueOf(lon));
        form.put("address_string", "幸福街与民生路交口");
        form.put("description", "路口积水约30厘米，请尽快排水。联系电话13812345678");
        form.put("first_name", "小红");
        form.put("last_name", "李");
        form.put("phone", "13812345678");
        HttpResponse<String> posted = post("/open311/v2/requests.json", form);
        assertEquals(201, posted.statusCode(), posted.body());
        JsonNode created = JSON.readTree(posted.body()).get(0);
        String id = created.get("service_request_id").asText();
        assertTrue(id.matches("\\d{4}-\\d{6}"), id);
        assertTrue(created.has("service_notice") && created.has("account_id"));

        JsonNode one = JSON.readTree(get("/open311/v2/requests/" + id + ".json").body()).get(0);
        assertEquals(id, one.get("service_request_id").asText());
        assertEquals("open", one.get("status").asText());
        assertEquals("FLOOD", one.get("service_code").asText());
        assertEquals("区防汛抗旱指挥部办公室", one.get("agency_responsible").asText());
        assertEquals(lat, one.get("lat").asDouble(), 1e-9);
        assertEquals(lon, one.get("long").asDouble(), 1e-9);
        assertEquals("幸福街与民生路交口", one.get("address").asText());
        assertTrue(one.get("requested_datetime").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*\\+08:00"));
        assertTrue(one.get("description").asText().contains("138****5678"), "phone numbers masked in public reads");
        assertFalse(one.toString().contains("13812345678"));
        assertFalse(one.toString().contains("李小红"), "no reporter name in public reads");
        // The reporter is kept (masked) for staff.
        assertEquals("李*红", Sql.value(ds, "SELECT left(reporter_name, 1) || '*' || right(reporter_name, 1) FROM ticket "
                + "WHERE number = '" + id + "'"));

        // A hotline call is staff's note of what a caller said: it may name people, so the public sees its category.
        Api.Response call = api.postJson("/api/tickets", api.login("hotline"), "{\"source\":\"HOTLINE_12345\","
                + "\"category\":\"FLOOD\",\"description\":\"王小明反映邻居张三家地下室进水\",\"address\":\"民生路3号\","
                + "\"lon\":" + lon + ",\"lat\":" + lat + "}", "Idempotency-Key", java.util.UUID.randomUUID().toString());
        assertEquals(201, call.status(), call.toString());
        String callId = call.json().get("ticket").get("number").asText();
        JsonNode pub = JSON.readTree(get("/open311/v2/requests/" + callId + ".json").body()).get(0);
        assertFalse(pub.toString().contains("王小明") || pub.toString().contains("张三"), pub.toString());
        assertFalse(pub.toString().contains("民生路3号"), "nor the address staff noted: " + pub);
        assertEquals("FLOOD", pub.get("service_code").asText());
        assertEquals(Math.round(lat * 1000) / 1000.0, pub.get("lat").asDouble(), 1e-9, "its point to about 100 m");

        Document rx = xml(get("/open311/v2/requests/" + id + ".xml").body());
        assertEquals("service_requests", rx.getDocumentElement().getNodeName());
        assertEquals(id, rx.getElementsByTagName("service_request_id").item(0).getTextContent());

        // Listed by status: open now; closed after staff resolve it.
        assertTrue(JSON.readTree(get("/open311/v2/requests.json?status=open").body()).toString().contains(id));
        assertFalse(JSON.readTree(get("/open311/v2/requests.json?status=closed").body()).toString().contains(id));
        long ticketId = (Long) Sql.value(ds, "SELECT id FROM ticket WHERE number = '" + id + "'");
        String staff = api.login("district");
        for (String a : new String[] {"dispatch", "start", "resolve"}) {
            assertEquals(200, api.postJson("/api/tickets/" + ticketId + "/actions/" + a, staff, "{}").status());
        }
        JsonNode closed = JSON.readTree(get("/open311/v2/requests.json?status=closed&service_code=FLOOD").body());
        assertTrue(closed.toString().contains(id));
        assertEquals("closed", JSON.readTree(get("/open311/v2/requests.json?service_request_id=" + id).body())
                .get(0).get("status").asText());
        assertEquals(0, JSON.readTree(get("/open311/v2/requests.json?service_request_id=" + id
                + "&start_date=2099-01-01T00:00:00Z").body()).size());
    }

    @Test
    void errorsComeInGeoReportsOwnFormat() throws Exception {
        HttpResponse<String> unknown = get("/open311/v2/services/NOPE.json");
        assertEquals(404, unknown.statusCode());
        JsonNode e = JSON.readTree(unknown.body()).get(0);
        assertEquals(404, e.get("code").asInt());
        assertTrue(e.get("description").asText().contains("NOPE"));
        HttpResponse<String> unknownXml = get("/open311/v2/services/NOPE.xml");
        Document d = xml(unknownXml.body());
        assertEquals("errors", d.getDocumentElement().getNodeName());
        assertEquals("404", d.getElementsByTagName("code").item(0).getTextContent());

        Map<String, String> form = new LinkedHashMap<>(Map.of("service_code", "CITY", "lat", "45.62", "long", "122.84",
                "description", "x"));
        HttpResponse<String> noKey = post("/open311/v2/requests.json", form);
        assertEquals(403, noKey.statusCode());
        assertEquals(403, JSON.readTree(noKey.body()).get(0).get("code").asInt());
        form.put("api_key", "test-key-311");
        form.put("service_code", "NOPE");
        HttpResponse<String> badCode = post("/open311/v2/requests.json", form);
        assertTrue(badCode.statusCode() == 400 || badCode.statusCode() == 422, badCode.body());
        assertTrue(JSON.readTree(badCode.body()).get(0).has("description"));
        form.put("service_code", "CITY");
        form.remove("lat");
        HttpResponse<String> noLat = post("/open311/v2/requests.xml", form);
        assertEquals(400, noLat.statusCode());
        assertEquals("errors", xml(noLat.body()).getDocumentElement().getNodeName());
        assertEquals(400, get("/open311/v2/requests.json?status=lost").statusCode());
        assertEquals(404, get("/open311/v2/requests/2026-999999.json").statusCode());
        assertEquals(404, get("/open311/v2/services.yaml").statusCode());
        assertEquals(0, Sql.count(ds, "SELECT count(*) FROM ticket WHERE description = 'x'"), "nothing stored");
        Api.Response problem = api.get("/api/tickets/categories", null);
        assertEquals(401, problem.status(), "the rest of the API keeps problem+json");
        assertTrue(problem.isProblem());
    }
}

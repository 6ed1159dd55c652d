package org.gridmap.layer;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.Mvt;
import org.gridmap.testsupport.SmallSampleTest;
import org.gridmap.testsupport.Sql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Vector tiles on the small sample, decoded by a real MVT reader (GDAL's MVT driver, Debian gdal-bin): layer names,
 * feature counts and properties; colours never stale after a change; the error cases.
 */
@MicronautTest(transactional = false)
class TileTest extends SmallSampleTest {
    String token;
    int z = 14;
    int x;
    int y;

    @BeforeAll
    void run() throws InterruptedException {
        token = api.login("district");
        api.runAndWait(token, "R50");
        // The tile holding the sample's centre.
        double lon = ((Number) Sql.value(ds, "SELECT ST_X(ST_Centroid(geom)) FROM admin_area WHERE code = '220802'"))
                .doubleValue();
        double lat = ((Number) Sql.value(ds, "SELECT ST_Y(ST_Centroid(geom)) FROM admin_area WHERE code = '220802'"))
                .doubleValue();
        int n = 1 << z;
        x = (int) ((lon + 180) / 360 * n);
        y = (int) ((1 - Math.log(Math.tan(Math.toRadians(lat)) + 1 / Math.cos(Math.toRadians(lat))) / Math.PI) / 2 * n);
    }

    record Raw(int status, String contentType, String etag, byte[] body) {}

    Raw fetch(String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.getURI() + path)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Raw(r.statusCode(), r.headers().firstValue("content-type").orElse(null),
                r.headers().firstValue("etag").orElse(null), r.body());
    }

    @Test
    void tileJsonDescribesTheLayer() {
        JsonNode tj = api.get("/tiles/grid_risk.json", null).json();
        assertEquals("3.0.0", tj.get("tilejson").asText());
        // TileJSON has no {scenario} placeholder: the URL names a concrete scenario (the default one here).
        assertTrue(tj.get("tiles").get(0).asText().matches(".*/tiles/grid_risk/\\{z}/\\{x}/\\{y}\\.mvt\\?scenario=R\\d+"),
                tj.get("tiles").toString());
        assertEquals("grid_risk", tj.get("vector_layers").get(0).get("id").asText());
        assertEquals("String", tj.get("vector_layers").get(0).get("fields").get("worst_color").asText());
        assertEquals(4, tj.get("bounds").size());
        assertTrue(tj.get("minzoom").asInt() <= tj.get("maxzoom").asInt());
    }

    @Test
    void aBuildingsTileCarriesColoursAndNeverShowsAStaleOne() throws Exception {
        String path = "/tiles/buildings/" + z + "/" + x + "/" + y + ".mvt?scenario=R50";
        Raw first = fetch(path, token);
        assertEquals(200, first.status(), new String(first.body()));
        assertEquals("application/vnd.mapbox-vector-tile", first.contentType());
        Map<String, Integer> counts = new HashMap<>();
        Map<String, String> colours = Mvt.decode(first.body(), "building_id", "color", counts);
        assertTrue(counts.getOrDefault("buildings", 0) > 50, counts.toString());
        assertEquals(counts.get("buildings"), colours.size(), "every feature has a building_id and a colour");
        assertTrue(colours.values().stream().allMatch(c -> c.matches("RED|ORANGE|YELLOW|GREEN")), colours.toString());

        // A wet, not-red building in this tile turns red when its grade drops to D; the tile must say so at once.
        String victim = colours.entrySet().stream().filter(e -> !e.getValue().equals("RED")).map(Map.Entry::getKey)
                .filter(id -> Sql.count(ds, "SELECT count(*) FROM building b JOIN risk_building rb ON rb.building_id = "
                        + "b.id WHERE b.building_id = '" + id + "' AND coalesce(rb.model_depth_m, 0) > 0 "
                        + "AND b.households > 0") == 1)
                .findFirst().orElseThrow(() -> new AssertionError("no wet non-red building in the tile"));
        // Written past the service (as another instance or psql would): the notice reaches the in-memory versions
        // within milliseconds of the commit (DataVersions), so the tile must change within a second.
        Sql.exec(ds, "UPDATE building SET safety_grade = 'D' WHERE building_id = '" + victim + "'");
        Raw second = fetch(path, token);
        for (long until = System.nanoTime() + 1_000_000_000L; first.etag().equals(second.etag())
                && System.nanoTime() < until; ) {
            Thread.sleep(20);
            second = fetch(path, token);
        }
        assertNotEquals(first.etag(), second.etag(), "a change makes a new ETag");
        assertEquals("RED", Mvt.decode(second.body(), "building_id", "color", new HashMap<>()).get(victim));
        assertEquals(304, fetchConditional(path, second.etag()), "unchanged since: 304");
        // RFC 9110 §13.1.2: weak comparison, lists and "*" (what caches and proxies send).
        assertEquals(304, fetchConditional(path, "W/" + second.etag()), "a weak tag matches");
        assertEquals(304, fetchConditional(path, "\"other\", " + second.etag()), "a list matches");
        assertEquals(304, fetchConditional(path, "*"), "any matches");
        assertEquals(200, fetchConditional(path, first.etag()), "an old tag does not");
    }

    @Test
    void aScenarioNotRunYetHasNoColourAtAllNeverGreen() throws Exception {
        // R20 has no 四色 run in this database: its tiles carry the features but no colour and no counts, so the map
        // paints them grey (未计算) rather than green.
        assertEquals(0, Sql.count(ds, "SELECT count(*) FROM risk_current rc JOIN flood_scenario s ON s.id = "
                + "rc.scenario_id WHERE s.code = 'R20'"));
        Raw b = fetch("/tiles/buildings/" + z + "/" + x + "/" + y + ".mvt?scenario=R20", token);
        assertEquals(200, b.status());
        // (Counted by building_id alone: decode() pairs each id with a colour and backtracks for minutes when none.)
        assertTrue(Mvt.values(b.body(), "building_id").size() > 50);
        assertEquals(List.of(), Mvt.values(b.body(), "color"), "no building has a colour before a run");
        Raw g = fetch("/tiles/grid_risk/" + z + "/" + x + "/" + y + ".mvt?scenario=R20", null);
        assertEquals(200, g.status());
        assertFalse(Mvt.values(g.body(), "grid_code").isEmpty());
        assertEquals(List.of(), Mvt.values(g.body(), "worst_color"), "no grid has a colour before a run");
        // The scenario that ran has them.
        Raw r50 = fetch("/tiles/grid_risk/" + z + "/" + x + "/" + y + ".mvt?scenario=R50", null);
        assertFalse(Mvt.values(r50.body(), "worst_color").isEmpty());
    }

    @Test
    void aTicketWriteLeavesBuildingAndGridTilesValidAndChangesTicketTiles() throws Exception {
        // Each layer's version is its tables' (issue 10): filing a ticket bumps "ticket" only.
        String buildings = "/tiles/buildings/" + z + "/" + x + "/" + y + ".mvt?scenario=R50";
        String grids = "/tiles/grids/" + z + "/" + x + "/" + y + ".mvt";
        String tickets = "/tiles/tickets/" + z + "/" + x + "/" + y + ".mvt";
        Raw b0 = fetch(buildings, token);
        Raw g0 = fetch(grids, token);
        Raw t0 = fetch(tickets, token);
        assertTrue(t0.status() == 200 || t0.status() == 204, t0.status() + " " + new String(t0.body()));
        String inTile = "(SELECT ST_PointOnSurface(geom) AS p FROM grid WHERE valid_to IS NULL AND ST_Intersects(geom, "
                + "ST_Transform(ST_TileEnvelope(" + z + ", " + x + ", " + y + "), 4326)) ORDER BY grid_code LIMIT 1) q";
        Object[] point = {Sql.value(ds, "SELECT ST_X(p) FROM " + inTile), Sql.value(ds, "SELECT ST_Y(p) FROM " + inTile)};
        String category = api.get("/api/tickets/categories", token).json().get(0).get("code").asText();
        Api.Response filed = api.postJson("/api/tickets", api.login("hotline"), "{\"source\":\"HOTLINE_12345\","
                + "\"category\":\"" + category + "\",\"description\":\"积水 tile test\",\"lon\":" + point[0]
                + ",\"lat\":" + point[1] + "}", "Idempotency-Key", java.util.UUID.randomUUID().toString());
        assertEquals(201, filed.status(), filed.toString());

        assertEquals(304, fetchConditional(buildings, b0.etag()), "the cached building tile is still valid");
        assertEquals(304, fetchConditional(grids, g0.etag()), "the cached grid tile is still valid");
        // Written through this instance: its versions were refreshed before the 201 was sent, so at once.
        Raw t1 = fetch(tickets, token);
        assertEquals(200, t1.status());
        assertNotEquals(t0.etag(), t1.etag(), "the ticket tile changed");
        assertTrue(t1.body().length > t0.body().length, "and holds the new ticket");
    }

    int fetchConditional(String path, String etag) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(server.getURI() + path)).header("If-None-Match", etag)
                .header("Authorization", "Bearer " + token).GET().build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void publicLayersDecodeWithoutLogin() throws Exception {
        Raw grids = fetch("/tiles/grids/" + z + "/" + x + "/" + y + ".mvt", null);
        assertEquals(200, grids.status());
        Map<String, Integer> counts = new HashMap<>();
        Map<String, String> bands = Mvt.decode(grids.body(), "grid_code", "band", counts);
        assertTrue(counts.get("grids") > 0);
        assertTrue(bands.values().stream().allMatch(b -> b.matches("BELOW|IN|ABOVE")), bands.toString());
    }

    @Test
    void errorsAreProblems() throws Exception {
        assertEquals(204, fetch("/tiles/grids/14/0/0.mvt", null).status(), "a tile with nothing in it");
        Api.Response unknown = api.get("/tiles/nope/14/1/1.mvt", null);
        assertEquals(404, unknown.status());
        assertTrue(unknown.isProblem());
        Api.Response zoom = api.get("/tiles/buildings/5/1/1.mvt?scenario=R50", token);
        assertEquals(404, zoom.status());
        assertTrue(zoom.body().contains("13–20"), zoom.toString());
        assertEquals(401, api.get("/tiles/buildings/" + z + "/" + x + "/" + y + ".mvt?scenario=R50", null).status());
        assertEquals(400, api.get("/tiles/buildings/" + z + "/" + x + "/" + y + ".mvt", token).status());
    }
}

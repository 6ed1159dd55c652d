package org.gridmap.place;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.SmallSampleTest;
import org.gridmap.testsupport.Sql;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 地点搜索 on the small sample: a caller's address, a building's code, a road, a community; scoped and literal. */
@MicronautTest(transactional = false)
class PlaceSearchTest extends SmallSampleTest {

    JsonNode search(String token, String q) {
        Api.Response r = api.get("/api/places?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), token);
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    static boolean has(JsonNode results, String kind, String code) {
        for (JsonNode p : results) {
            if (p.get("kind").asText().equals(kind) && p.get("code").asText().equals(code)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anAddressABuildingCodeARoadAndACommunityAreFoundInTheCallersArea() {
        String hotline = api.login("hotline");
        // A building by the end of its address (as a caller says it: "…27巷51号"), and by its code.
        String[] b = Sql.row(ds, "SELECT building_id, address, grid_code FROM building WHERE address IS NOT NULL "
                + "AND grid_code LIKE '220802001001%' ORDER BY id LIMIT 1 OFFSET 17");
        String tail = b[1].substring(Math.max(0, b[1].length() - 10));
        JsonNode byAddress = search(hotline, tail);
        assertTrue(has(byAddress, "BUILDING", b[0]), tail + " → " + byAddress);
        JsonNode byCode = search(hotline, b[0].toLowerCase());
        assertEquals("BUILDING", byCode.get(0).get("kind").asText(), "an exact code first, whatever its case");
        assertEquals(b[0], byCode.get(0).get("code").asText());
        assertEquals(b[2], byCode.get(0).get("grid_code").asText());
        JsonNode box = byCode.get(0).get("bbox");
        assertEquals(1, Sql.count(ds, "SELECT count(*) FROM building WHERE building_id = '" + b[0] + "' AND ST_Within("
                + "geom, ST_Expand(ST_MakeEnvelope(" + box.get(0) + "," + box.get(1) + "," + box.get(2) + ","
                + box.get(3) + ", 4326), 1e-9))"), "the box holds the building");
        // A road by name, a community by name and by code.
        String road = (String) Sql.value(ds, "SELECT name FROM road WHERE name IS NOT NULL ORDER BY id LIMIT 1");
        assertTrue(has(search(hotline, road), "ROAD", road), road);
        String[] community = Sql.row(ds, "SELECT code, name FROM admin_area WHERE code = '220802001001'");
        assertTrue(has(search(hotline, community[1]), "COMMUNITY", community[0]));
        assertEquals("COMMUNITY", search(hotline, community[0]).get(0).get("kind").asText());

        // Scoped: a grid worker finds buildings of the own grid only.
        String gridworker = api.login("gridworker");
        String[] other = Sql.row(ds, "SELECT building_id, address FROM building WHERE grid_code NOT LIKE "
                + "'220802001001001%' AND address IS NOT NULL ORDER BY id LIMIT 1");
        assertFalse(has(search(gridworker, other[0]), "BUILDING", other[0]), "outside the grid worker's grid");
        String[] own = Sql.row(ds, "SELECT building_id, address FROM building WHERE grid_code = '220802001001001' "
                + "ORDER BY id LIMIT 1");
        assertTrue(has(search(gridworker, own[0]), "BUILDING", own[0]));
    }

    @Test
    void wildcardsAreLiteralAndBadQueriesAre400() {
        String hotline = api.login("hotline");
        assertEquals(0, search(hotline, "%").size(), "% is a character, not a wildcard");
        assertEquals(0, search(hotline, "_").size());
        assertEquals(0, search(hotline, "<script>alert(1)</script>").size());
        for (String q : new String[] {"", "%20%20", "x".repeat(61), "%00"}) {
            Api.Response r = api.get("/api/places?q=" + q, hotline);
            assertEquals(400, r.status(), q + ": " + r);
            assertTrue(r.isProblem());
        }
        assertEquals(400, api.get("/api/places?q=a&limit=0", hotline).status());
        assertEquals(401, api.get("/api/places?q=a", null).status());
    }
}

package org.gridmap.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.Mvt;
import org.gridmap.testsupport.SmallSampleTest;
import org.gridmap.testsupport.Sql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.gridmap.testsupport.Files2.fc;
import static org.gridmap.testsupport.Files2.rect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage QA through the API on the (small) Baicheng sample, then on imported fixture communities with defects
 * drawn on purpose: each defect reported once, with the right kind and an area within 1% of PostGIS's geodesic
 * area of the defect.
 */
@MicronautTest(transactional = false)
class CoverageApiTest extends SmallSampleTest {
    String token;

    /**
     * The drawn defects lie in test communities ~85 km from the sample district, so that they touch none of its
     * grids; the import's "outside the district" limit is widened for them.
     */
    @Override
    protected java.util.Map<String, String> extraProperties() {
        return java.util.Map.of("gridmap.imports.max-outside-district-m", "200000");
    }

    @BeforeAll
    void load() {
        token = api.login("admin");
        String areas = fc(
                rect(123.500, 45.000, 123.506, 45.004, "\"code\":\"220802001099\",\"name\":\"测试社区甲\""),
                rect(123.510, 45.000, 123.514, 45.004, "\"code\":\"220802001098\",\"name\":\"测试社区乙\""),
                rect(123.520, 45.000, 123.524, 45.004, "\"code\":\"220802001097\",\"name\":\"测试社区丙\""));
        assertEquals(201, api.importFile(token, "a.geojson", areas.getBytes(StandardCharsets.UTF_8),
                Api.form("kind", "areas")).status());
        String grids = fc(
                rect(123.500, 45.000, 123.502, 45.004, "\"grid_code\":\"220802001099001\""),
                rect(123.5022, 45.000, 123.504, 45.004, "\"grid_code\":\"220802001099002\""),
                rect(123.5035, 45.000, 123.506, 45.002, "\"grid_code\":\"220802001099003\""),
                rect(123.504, 45.002, 123.507, 45.004, "\"grid_code\":\"220802001099004\""),
                rect(123.510, 45.000, 123.512, 45.004, "\"grid_code\":\"220802001098001\""),
                rect(123.512, 45.000, 123.514, 45.002, "\"grid_code\":\"220802001098002\""),
                rect(123.512, 45.002, 123.514, 45.004, "\"grid_code\":\"220802001098003\""));
        Api.Response g = api.importFile(token, "defects.geojson", grids.getBytes(StandardCharsets.UTF_8),
                Api.form("kind", "grids"));
        assertEquals(201, g.status(), g.toString());
        String buildings = fc(
                rect(123.50205, 45.0010, 123.50215, 45.0011, "\"building_id\":\"IN-GAP\",\"floors\":1,\"structure\":\"平房\""),
                rect(123.5045, 45.0019, 123.5046, 45.0021, "\"building_id\":\"ACROSS\",\"floors\":5,\"structure\":\"砖混\""));
        assertEquals(201, api.importFile(token, "b.geojson", buildings.getBytes(StandardCharsets.UTF_8),
                Api.form("kind", "buildings")).status());
        assertEquals(201, api.importFile(token, "h.csv", ("household_id,building_id,floor,members\n"
                + "T-1,IN-GAP,1,2\nT-2,ACROSS,3,3\n").getBytes(StandardCharsets.UTF_8),
                Api.form("kind", "households")).status());
    }

    double geodesic(String envelope) {
        return ((Number) Sql.value(ds, "SELECT ST_Area(ST_MakeEnvelope(" + envelope + ", 4326)::geography)"))
                .doubleValue();
    }

    @Test
    void theCleanSampleHasNoGapsNoOverlapsAndCoversItsHouseholds() {
        // Only the sample's communities: each of its 9 streets, so the fixtures below do not count.
        for (String street : List.of("220802002", "220802003", "220802009")) {
            JsonNode r = api.get("/api/coverage?area=" + street, token).json();
            assertEquals(0, r.get("counts").get("GAP").asInt(), street);
            assertEquals(0, r.get("counts").get("OVERLAP").asInt(), street);
            assertEquals(0, r.get("counts").get("OUTSIDE_COMMUNITY").asInt(), street);
            assertEquals(0, r.get("counts").get("INVALID_EDGE").asInt(), street);
            assertEquals(0, r.get("counts").get("BUILDING_SPLIT").asInt(), street);
            assertTrue(r.get("covered_household_share").asDouble() >= 0.99, r.toString());
            assertEquals(1.0, r.get("covered_area_share").asDouble(), 1e-6);
        }
        JsonNode district = api.get("/api/coverage?area=220802", api.login("district")).json();
        assertEquals(9, district.get("children").size(), "one summary per street");
        long sampleHouseholds = Sql.count(ds, "SELECT count(*) FROM household");
        assertEquals(sampleHouseholds, district.get("households").asLong());
    }

    @Test
    void eachDrawnDefectIsReportedOnceWithTheRightKindAndArea() {
        JsonNode r = api.get("/api/coverage?area=220802001099", token).json();
        JsonNode counts = r.get("counts");
        assertEquals(1, counts.get("GAP").asInt(), r.toString());
        assertEquals(1, counts.get("OVERLAP").asInt(), r.toString());
        assertEquals(1, counts.get("OUTSIDE_COMMUNITY").asInt(), r.toString());
        assertEquals(0, counts.get("INVALID_EDGE").asInt(), "edges of the gap and overlap are not reported again");
        assertEquals(1, counts.get("BUILDING_NO_GRID").asInt(), r.toString());
        assertEquals(1, counts.get("BUILDING_SPLIT").asInt(), r.toString());
        assertEquals(4, counts.get("HOUSEHOLD_BAND").asInt());
        assertEquals(4, counts.get("NO_GRID_CHIEF").asInt());
        assertEquals(4, counts.get("NO_GRID_WORKER").asInt());
        for (JsonNode f : r.get("findings")) {
            String kind = f.get("kind").asText();
            double truth = switch (kind) {
                case "GAP" -> geodesic("123.502, 45.000, 123.5022, 45.004");
                case "OVERLAP" -> geodesic("123.5035, 45.000, 123.504, 45.002");
                case "OUTSIDE_COMMUNITY" -> geodesic("123.506, 45.002, 123.507, 45.004");
                default -> -1;
            };
            if (truth > 0) {
                double got = f.get("area_m2").asDouble();
                assertTrue(Math.abs(got - truth) / truth < 0.01, kind + ": " + got + " m² vs " + truth + " m²");
            }
            if (kind.equals("BUILDING_NO_GRID")) {
                assertEquals("IN-GAP", f.get("building_id").asText());
            }
            if (kind.equals("BUILDING_SPLIT")) {
                assertEquals("ACROSS", f.get("building_id").asText());
            }
        }
        double share = r.get("covered_area_share").asDouble();
        double expected = 1 - geodesic("123.502, 45.000, 123.5022, 45.004") / geodesic("123.500, 45.000, 123.506, 45.004");
        assertEquals(expected, share, 0.001);
        assertEquals(0.5, r.get("covered_household_share").asDouble(), 1e-9, "one of two households is in no grid");
    }

    @Test
    void mismatchedVerticesAndACommunityWithoutGrids() {
        JsonNode b = api.get("/api/coverage?area=220802001098", token).json();
        assertEquals(1, b.get("counts").get("INVALID_EDGE").asInt(), b.toString());
        assertEquals(0, b.get("counts").get("GAP").asInt());
        double length = b.get("findings").get(0).get("length_m").asDouble();
        double truth = ((Number) Sql.value(ds, "SELECT ST_Length(ST_MakeLine(ST_SetSRID(ST_MakePoint(123.512, 45.000),"
                + " 4326), ST_SetSRID(ST_MakePoint(123.512, 45.004), 4326))::geography)")).doubleValue();
        assertTrue(Math.abs(length - truth) / truth < 0.01, length + " m vs " + truth + " m");

        JsonNode c = api.get("/api/coverage?area=220802001097", token).json();
        assertEquals(1, c.get("counts").get("COMMUNITY_WITHOUT_GRIDS").asInt(), c.toString());
        assertEquals(0.0, c.get("covered_area_share").asDouble(), 1e-9);
    }

    @Test
    void findingsAsGeoJsonAndCsv() {
        Api.Response gj = api.get("/api/coverage/findings?area=220802001099", token);
        assertEquals(200, gj.status());
        assertTrue(gj.contentType().startsWith("application/geo+json"), gj.contentType());
        JsonNode fc = gj.json();
        assertEquals("FeatureCollection", fc.get("type").asText());
        List<String> kinds = new ArrayList<>();
        fc.get("features").forEach(f -> kinds.add(f.get("properties").get("kind").asText()));
        assertTrue(kinds.containsAll(List.of("GAP", "OVERLAP", "OUTSIDE_COMMUNITY", "BUILDING_NO_GRID",
                "BUILDING_SPLIT", "HOUSEHOLD_BAND")), kinds.toString());
        JsonNode gap = null;
        for (JsonNode f : fc.get("features")) {
            if (f.get("properties").get("kind").asText().equals("GAP")) {
                gap = f;
            }
        }
        double x = gap.get("geometry").get("coordinates").get(0).get(0).get(0).asDouble();
        assertTrue(x > 123.5019 && x < 123.5023, "geometry back in EPSG:4326: " + gap);

        Api.Response csv = api.get("/api/coverage/findings.csv?area=220802001099", token);
        assertEquals(200, csv.status());
        assertTrue(csv.body().startsWith("\uFEFFkind,community_code"), csv.body());
        assertEquals(kinds.size() + 1, csv.body().split("\r\n").length);
    }

    @Test
    void scopeApplies() {
        Api.Response r = api.get("/api/coverage?area=220802002", api.login("street"));
        assertEquals(404, r.status(), "another street: " + r);
        JsonNode own = api.get("/api/coverage?area=220802", api.login("community")).json();
        assertEquals("220802001001", own.get("area").asText(), "asked for the district, answered for the own area");
    }

    byte[] findingsTile(int[] t) throws Exception {
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                server.getURI() + "/tiles/coverage_findings/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt"))
                .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertTrue(r.statusCode() == 200 || r.statusCode() == 204, "status " + r.statusCode());
        return r.body();
    }

    @Test
    void findingsAreAMapLayerAndInTheGridPanelAndFollowEdits() throws Exception {
        int[] t = Mvt.tileOf(12, 123.503, 45.002);
        List<String> kinds = Mvt.values(findingsTile(t), "kind");
        for (String k : List.of("GAP", "OVERLAP", "OUTSIDE_COMMUNITY", "BUILDING_NO_GRID", "BUILDING_SPLIT",
                "COMMUNITY_WITHOUT_GRIDS")) {
            assertEquals(1, kinds.stream().filter(k::equals).count(), k + " in " + kinds);
        }
        assertEquals(7, kinds.stream().filter("HOUSEHOLD_BAND"::equals).count(), "one per drawn grid: " + kinds);

        // The grid's panel lists exactly the findings naming it, as the findings endpoint does.
        String grid = "220802001099003";
        JsonNode all = api.get("/api/coverage/findings?area=220802001099", token).json();
        List<String> expected = new ArrayList<>();
        for (JsonNode f : all.get("features")) {
            JsonNode p = f.get("properties");
            if (grid.equals(p.get("grid_code").asText(null)) || grid.equals(p.get("other_grid_code").asText(null))) {
                expected.add(p.get("kind").asText());
            }
        }
        List<String> panel = new ArrayList<>();
        api.get("/api/grids/" + grid, token).json().get("coverage_findings").forEach(f -> panel.add(f.get("kind").asText()));
        expected.sort(null);
        panel.sort(null);
        assertTrue(panel.contains("OVERLAP"), panel.toString());
        assertEquals(expected, panel);

        // Moving grid 004 back inside its community: the very next tile has no OUTSIDE_COMMUNITY finding.
        String before = (String) Sql.value(ds, "SELECT ST_AsText(geom) FROM grid WHERE grid_code = '220802001099004' "
                + "AND valid_to IS NULL");
        try {
            Sql.exec(ds, "UPDATE grid SET geom = ST_Multi(ST_MakeEnvelope(123.504, 45.002, 123.506, 45.004, 4326)) "
                    + "WHERE grid_code = '220802001099004' AND valid_to IS NULL");
            List<String> after = Mvt.values(findingsTile(t), "kind");
            assertFalse(after.contains("OUTSIDE_COMMUNITY"), after.toString());
            assertTrue(after.contains("GAP"), after.toString());
        } finally {
            Sql.exec(ds, "UPDATE grid SET geom = ST_GeomFromText('" + before + "', 4326) "
                    + "WHERE grid_code = '220802001099004' AND valid_to IS NULL");
        }
        assertTrue(Mvt.values(findingsTile(t), "kind").contains("OUTSIDE_COMMUNITY"));
    }
}

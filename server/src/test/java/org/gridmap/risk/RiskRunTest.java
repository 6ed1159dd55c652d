package org.gridmap.risk;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.SmallSampleTest;
import org.gridmap.testsupport.Sql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 四色 runs on the small Baicheng sample through the API, checked against an independent oracle: building inputs
 * recomputed with a plain PostGIS query on the unsubdivided zones, and the rule re-implemented here in Java.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RiskRunTest extends SmallSampleTest {
    String token;

    @BeforeAll
    void load() {
        token = api.login("district");
    }

    JsonNode runAndWait(String scenario) {
        return api.runAndWait(token, scenario);
    }

    /** The DESIGN §4 rule, written again for the test, with the rule set's numbers. */
    static String oracle(double d, int floor, String grade, boolean v, String kinds, Double near, double red,
                         double redV, double orange, double storey, double basement, double nearMax) {
        double e = d <= 0 ? 0 : floor == 0 ? d + basement : d - (floor - 1) * storey;
        if (d > 0 && e >= red) {
            return "RED";
        }
        if (d > 0 && floor == 0) {
            return "RED";
        }
        if (d > 0 && ("C".equals(grade) || "D".equals(grade))) {
            return "RED";
        }
        if (d > 0 && v && e > redV) {
            return "RED";
        }
        if (kinds != null && (kinds.contains("FLOODWAY") || kinds.contains("DETENTION"))) {
            return "RED";
        }
        if (d > 0 && e > orange) {
            return "ORANGE";
        }
        if (d > 0 && v) {
            return "ORANGE";
        }
        if (d > 0) {
            return "YELLOW";
        }
        if (near != null && near <= nearMax) {
            return "YELLOW";
        }
        return "GREEN";
    }

    /** Household id → colour, by the oracle, for a scenario. */
    Map<String, String> oracleColours(String scenario, double red) throws Exception {
        Map<String, String> out = new TreeMap<>();
        oracleRows(scenario, red, (grid, id, colour) -> out.put(id, colour));
        return out;
    }

    interface Row {
        void accept(String grid, String householdId, String colour);
    }

    /** Per grid code → households per colour, by the oracle, for a scenario. */
    Map<String, Map<String, Integer>> oracleCounts(String scenario, double red) throws Exception {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        oracleRows(scenario, red, (grid, id, colour) -> out.computeIfAbsent(grid, k -> new TreeMap<>())
                .merge(colour, 1, Integer::sum));
        return out;
    }

    void oracleRows(String scenario, double red, Row sink) throws Exception {
        String sql = """
            WITH z AS (SELECT fz.* FROM flood_zone fz JOIN flood_scenario s ON s.id = fz.scenario_id WHERE s.code = '%s'),
            inputs AS (
              SELECT b.id,
                     greatest(coalesce((SELECT max(z.depth_m) FROM z WHERE ST_Intersects(z.geom, b.geom)), 0),
                              coalesce((SELECT max(r.depth_m) FROM recorded_inundation r WHERE r.building_id = b.id), 0)) AS d,
                     (SELECT string_agg(DISTINCT z.zone_kind, ',') FROM z WHERE ST_Intersects(z.geom, b.geom)) AS kinds,
                     (SELECT min(ST_Distance(ST_Transform(b.geom, 4550), ST_Transform(z.geom, 4550))) FROM z
                       WHERE NOT EXISTS (SELECT 1 FROM z z2 WHERE ST_Intersects(z2.geom, b.geom))
                         AND ST_DWithin(b.geom, z.geom, 0.003)) AS near
              FROM building b)
            SELECT b.grid_code, i.d, h.floor, b.safety_grade,
                   (h.elderly + h.children + h.sick + h.disabled + h.pregnant > 0 OR h.living_alone) AS v, i.kinds, i.near,
                   h.household_id
            FROM household h JOIN building b ON b.id = h.building_id JOIN inputs i ON i.id = b.id
            """.formatted(scenario);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                double near = rs.getDouble(7);
                Double n = rs.wasNull() ? null : near;
                String colour = oracle(rs.getDouble(2), rs.getInt(3), rs.getString(4), rs.getBoolean(5),
                        rs.getString(6), n, red, 0.15, 0.15, 3.0, 2.5, 50);
                sink.accept(rs.getString(1), rs.getString(8), colour);
            }
        }
    }

    Map<String, Map<String, Integer>> storedCounts(String scenario) {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        String sql = "SELECT a.code, a.hh FROM risk_area a JOIN risk_current rc ON rc.run_id = a.run_id "
                + "JOIN flood_scenario s ON s.id = rc.scenario_id WHERE s.code = '" + scenario + "'";
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                Integer[] hh = (Integer[]) rs.getArray(2).getArray();
                Map<String, Integer> m = new TreeMap<>();
                for (int k = 0; k < 4; k++) {
                    if (hh[k] > 0) {
                        m.put(RiskService.COLOURS.get(k), hh[k]);
                    }
                }
                out.put(rs.getString(1), m);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Test
    @Order(1)
    void beforeAnyRunTheSummarySaysSo() {
        Api.Response r = api.get("/api/risk/summary?area=220802&scenario=R50", token);
        assertEquals(409, r.status(), r.toString());
        assertTrue(r.isProblem());
        assertEquals(404, api.get("/api/risk/summary?area=220802&scenario=NOPE", token).status());
    }

    @Test
    @Order(2)
    void aFullRunAddsUpAndAgreesWithTheOracleInEveryGrid() throws Exception {
        JsonNode run = runAndWait("R50");
        assertEquals("SUCCEEDED", run.get("status").asText(), run.toString());
        JsonNode s = api.get("/api/risk/summary?area=220802&scenario=R50&warning_level=II", token).json();
        long households = Sql.count(ds, "SELECT count(*) FROM household");
        long people = Sql.count(ds, "SELECT sum(members) FROM household");
        JsonNode hh = s.get("total").get("households");
        assertEquals(households, hh.get("RED").asLong() + hh.get("ORANGE").asLong() + hh.get("YELLOW").asLong()
                + hh.get("GREEN").asLong());
        JsonNode p = s.get("total").get("people");
        assertEquals(people, p.get("RED").asLong() + p.get("ORANGE").asLong() + p.get("YELLOW").asLong()
                + p.get("GREEN").asLong());
        assertTrue(hh.get("RED").asLong() > 0 && hh.get("ORANGE").asLong() > 0 && hh.get("YELLOW").asLong() > 0);
        assertEquals(9, s.get("children").size());
        long sum = 0;
        for (JsonNode child : s.get("children")) {
            for (String c : List.of("RED", "ORANGE", "YELLOW", "GREEN")) {
                sum += child.get("counts").get("households").get(c).asLong();
            }
        }
        assertEquals(households, sum, "streets add up to the district");
        assertEquals(hh.get("RED").asLong() + hh.get("ORANGE").asLong(), s.get("must_move_households").asLong(),
                "warning level II moves red and orange");
        assertEquals(oracleCounts("R50", 0.5), storedCounts("R50"), "every grid's counts agree with the oracle");
        // And every household, as the API lists it grid by grid.
        Map<String, String> api = new TreeMap<>();
        List<String> grids = new java.util.ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT grid_code FROM grid WHERE valid_to IS NULL ORDER BY 1")) {
            while (rs.next()) {
                grids.add(rs.getString(1));
            }
        }
        for (String grid : grids) {
            for (int page = 1; ; page++) {
                JsonNode p2 = this.api.get("/api/risk/households?grid=" + grid + "&scenario=R50&size=500&page=" + page,
                        token).json();
                p2.get("households").forEach(h -> api.put(h.get("household_id").asText(), h.get("color").asText()));
                if (page * 500 >= p2.get("total").asLong()) {
                    break;
                }
            }
        }
        Map<String, String> oracle = oracleColours("R50", 0.5);
        assertEquals(oracle.size(), api.size(), "every household listed once");
        long differ = oracle.entrySet().stream().filter(e -> !e.getValue().equals(api.get(e.getKey()))).count();
        assertEquals(0, differ, "households whose colour differs from the rule table");
    }

    @Test
    @Order(3)
    void aHouseholdsColourIsExplainedInWords() {
        String id = (String) Sql.value(ds, """
            SELECT h.household_id FROM household h JOIN building b ON b.id = h.building_id
            JOIN risk_building rb ON rb.building_id = b.id
            WHERE h.floor = 1 AND h.living_alone AND rb.model_depth_m >= 0.5 AND b.safety_grade IN ('A', 'B')
              AND NOT (rb.zone_kinds && ARRAY['FLOODWAY','DETENTION'])
            ORDER BY h.household_id LIMIT 1""");
        JsonNode e = api.get("/api/households/" + id + "/risk?scenario=R50", token).json();
        assertEquals("RED", e.get("color").asText(), e.toString());
        assertEquals("RED_DEPTH", e.get("rule").asText());
        String zh = e.get("reason_zh").asText();
        assertTrue(zh.startsWith("一层住户，设计水深 "), zh);
        assertTrue(zh.contains("岁独居老人") && zh.contains("红色"), zh);
        assertTrue(e.get("reason_en").asText().contains("living alone"), e.toString());
        assertEquals(1, e.get("inputs").get("floor").asInt());
        // A building's reason is its most urgent household's.
        String building = (String) Sql.value(ds, "SELECT b.building_id FROM household h JOIN building b ON b.id = "
                + "h.building_id WHERE h.household_id = '" + id + "'");
        JsonNode b = api.get("/api/buildings/" + building + "/risk?scenario=R50", token).json();
        assertEquals("RED", b.get("color").asText(), b.toString());
        assertEquals(building, b.get("building_id").asText());
        assertEquals(404, api.get("/api/buildings/NOPE/risk?scenario=R50", token).status());
    }

    @Test
    @Order(4)
    void householdsOfAGridByColourAreMaskedAndCounted() {
        String grid = (String) Sql.value(ds, "SELECT code FROM risk_area WHERE hh[1] > 3 ORDER BY code LIMIT 1");
        JsonNode page = api.get("/api/risk/households?grid=" + grid + "&scenario=R50&color=RED&size=500", token).json();
        long expected = Sql.count(ds, "SELECT a.hh[1] FROM risk_area a JOIN risk_current rc ON rc.run_id = a.run_id "
                + "JOIN flood_scenario s ON s.id = rc.scenario_id WHERE s.code = 'R50' AND a.code = '" + grid + "'");
        assertEquals(expected, page.get("total").asLong());
        for (JsonNode h : page.get("households")) {
            assertEquals("RED", h.get("color").asText());
            if (!h.get("phone").isNull()) {
                assertTrue(h.get("phone").asText().contains("****"), h.toString());
            }
        }
        String own = (String) Sql.value(ds, "SELECT area_code FROM app_user WHERE username = 'gridworker'");
        if (!grid.equals(own)) {
            assertEquals(404, api.get("/api/risk/households?grid=" + grid + "&scenario=R50",
                    api.login("gridworker")).status(), "another grid is not found for a grid worker");
        }
        assertEquals(200, api.get("/api/risk/households?grid=" + own + "&scenario=R50", api.login("gridworker"))
                .status());
    }

    @Test
    @Order(5)
    void batchAndIncrementalGiveIdenticalResults() throws Exception {
        String snapshot = "SELECT string_agg(building_id || ':' || coalesce(model_depth_m::text, '') || ':' || "
                + "coalesce(recorded_depth_m::text, '') || ':' || zone_kinds::text || ':' || coalesce(round(near_m)::text, '')"
                + " || ':' || worst_rule, ',' ORDER BY building_id) FROM risk_building rb JOIN risk_current rc ON "
                + "rc.run_id = rb.run_id JOIN flood_scenario s ON s.id = rc.scenario_id WHERE s.code = 'R50'";
        String areas = "SELECT string_agg(a.code || a.hh::text || a.people::text || a.vulnerable::text, ',' ORDER BY a.code) "
                + "FROM risk_area a JOIN risk_current rc ON rc.run_id = a.run_id JOIN flood_scenario s ON "
                + "s.id = rc.scenario_id WHERE s.code = 'R50'";
        String beforeB = (String) Sql.value(ds, snapshot);
        String beforeA = (String) Sql.value(ds, areas);
        // Every building through the incremental path the triggers use: in batches small enough for the per-building
        // form (what one edit uses), and all at once (what a bulk import uses).
        Sql.exec(ds, "SELECT gm_risk_refresh(array_agg(id), NULL) FROM (SELECT id, ntile(20) OVER (ORDER BY id) AS k "
                + "FROM building) x GROUP BY k");
        assertEquals(beforeB, Sql.value(ds, snapshot), "per-building form = batch form");
        assertEquals(beforeA, Sql.value(ds, areas));
        Sql.exec(ds, "SELECT gm_risk_refresh((SELECT array_agg(id) FROM building), NULL)");
        assertEquals(beforeB, Sql.value(ds, snapshot));
        assertEquals(beforeA, Sql.value(ds, areas));
    }

    @Test
    @Order(6)
    void aChangedBuildingIsReclassifiedAtOnce() {
        // A grade-B building with shallow water at every dwelling: its households are not red.
        String building = (String) Sql.value(ds, """
            SELECT b.building_id FROM building b JOIN risk_building rb ON rb.building_id = b.id
            JOIN risk_current rc ON rc.run_id = rb.run_id JOIN flood_scenario s ON s.id = rc.scenario_id AND s.code = 'R50'
            WHERE b.safety_grade IN ('A', 'B') AND rb.model_depth_m > 0 AND rb.model_depth_m < 0.15
              AND rb.recorded_depth_m IS NULL AND rb.worst_rule >= 6 AND b.households > 0
            ORDER BY b.building_id LIMIT 1""");
        assertTrue(building != null, "the sample has a shallow-water grade A/B building with no red household");
        String household = (String) Sql.value(ds, "SELECT h.household_id FROM household h JOIN building b ON "
                + "b.id = h.building_id WHERE b.building_id = '" + building + "' LIMIT 1");
        JsonNode first = api.get("/api/households/" + household + "/risk?scenario=R50", token).json();
        assertNotEquals("RED", first.path("color").asText(), first.toString());
        long redBefore = api.get("/api/risk/summary?area=220802&scenario=R50", token).json().get("total")
                .get("households").get("RED").asLong();
        long inBuilding = Sql.count(ds, "SELECT households FROM building WHERE building_id = '" + building + "'");
        Sql.exec(ds, "UPDATE building SET safety_grade = 'D' WHERE building_id = '" + building + "'");
        JsonNode e = api.get("/api/households/" + household + "/risk?scenario=R50", token).json();
        assertEquals("RED_WEAK_BUILDING", e.get("rule").asText(), e.toString());
        long redAfter = api.get("/api/risk/summary?area=220802&scenario=R50", token).json().get("total")
                .get("households").get("RED").asLong();
        assertEquals(redBefore + inBuilding, redAfter, "every household of the building turned red, nothing else");
        // A deeper recorded inundation overrides the model on its own.
        String dryHousehold = (String) Sql.value(ds, "SELECT h.household_id FROM household h JOIN building b ON "
                + "b.id = h.building_id JOIN risk_building rb ON rb.building_id = b.id WHERE h.floor = 1 AND "
                + "b.safety_grade IN ('A', 'B') AND coalesce(rb.model_depth_m, 0) < 0.15 AND rb.recorded_depth_m IS NULL "
                + "AND NOT (rb.zone_kinds && ARRAY['FLOODWAY','DETENTION']) AND NOT gm_is_vulnerable(h) ORDER BY 1 LIMIT 1");
        assertTrue(dryHousehold != null, "a ground-floor household with shallow or no water");
        assertNotEquals("RED", api.get("/api/households/" + dryHousehold + "/risk?scenario=R50", token).json()
                .path("color").asText());
        String dry = (String) Sql.value(ds, "SELECT b.building_id FROM household h JOIN building b ON b.id = "
                + "h.building_id WHERE h.household_id = '" + dryHousehold + "'");
        Sql.exec(ds, "INSERT INTO recorded_inundation (building_id, flood_name, depth_m) SELECT id, '2025年内涝', 0.8 "
                + "FROM building WHERE building_id = '" + dry + "'");
        JsonNode r = api.get("/api/households/" + dryHousehold + "/risk?scenario=R50", token).json();
        assertEquals("RED", r.path("color").asText(), r.toString());
        assertTrue(r.get("reason_zh").asText().contains("历次洪水进水深度 0.8 m"), r.toString());
        assertEquals(oracleCountsUnchecked(), storedCounts("R50"), "still in agreement with the oracle");
    }

    Map<String, Map<String, Integer>> oracleCountsUnchecked() {
        try {
            return oracleCounts("R50", 0.5);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(7)
    void editingTheRuleSetReDerivesAtOnce() throws Exception {
        JsonNode rules = api.get("/api/risk/rules", token).json();
        assertEquals(1, rules.get("version").asInt());
        String edited = rules.toString().replace("\"red_depth_m\":0.50", "\"red_depth_m\":0.30")
                .replace("\"red_depth_m\":0.5", "\"red_depth_m\":0.30");
        Api.Response bad = api.send("PUT", "/api/risk/rules", token, edited.replace("\"orange_depth_m\":0.15",
                "\"orange_depth_m\":0.40"));
        assertEquals(422, bad.status(), bad.toString());
        assertTrue(bad.body().contains("orange_depth_m must be below red_depth_m"), bad.toString());
        Api.Response ok = api.send("PUT", "/api/risk/rules", token, edited);
        assertEquals(200, ok.status(), ok.toString());
        assertEquals(2, ok.json().get("version").asInt());
        JsonNode s = api.get("/api/risk/summary?area=220802&scenario=R50", token).json();
        assertEquals(2, s.get("rule_set_version").asInt());
        assertEquals(oracleCounts("R50", 0.30), storedCounts("R50"), "re-derived with red at 0.3 m");
        Map<String, Integer> before = new HashMap<>();
        oracleCounts("R50", 0.5).values().forEach(m -> m.forEach((k, v) -> before.merge(k, v, Integer::sum)));
        assertTrue(s.get("total").get("households").get("RED").asLong() >= before.getOrDefault("RED", 0));
    }
}

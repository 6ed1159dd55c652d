package org.gridmap.foundation;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.SmallSampleTest;
import org.gridmap.testsupport.Sql;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small Baicheng sample (20,000 households, same generator and loader as the full one) behind the real HTTP API:
 * counts, idempotent loading, login, scoping by area, masking, the audited reveal, problem+json.
 */
@MicronautTest(transactional = false)
class SampleApiTest extends SmallSampleTest {


    @Test
    void summaryMatchesTheDatabaseAndLoadingAgainLoadsNothing() {
        JsonNode s = api.get("/api/areas/220802/summary", api.login("district")).json();
        JsonNode counts = s.get("counts");
        assertEquals(Sql.count(ds, "SELECT count(*) FROM admin_area WHERE level = 'STREET'"), counts.get("streets").asLong());
        assertEquals(9, counts.get("streets").asLong());
        assertEquals(48, counts.get("communities").asLong());
        assertEquals(Sql.count(ds, "SELECT count(*) FROM grid WHERE valid_to IS NULL"), counts.get("grids").asLong());
        assertEquals(Sql.count(ds, "SELECT count(*) FROM building"), counts.get("buildings").asLong());
        assertEquals(Sql.count(ds, "SELECT count(*) FROM household"), counts.get("households").asLong());
        assertEquals(Sql.count(ds, "SELECT sum(elderly) FROM household"), counts.get("elderly").asLong());
        assertEquals(0, counts.get("buildings_without_grid").asLong(), "the clean sample puts every building in a grid");

        long households = Sql.count(ds, "SELECT count(*) FROM household");
        Map<String, Long> again = loader.load(20260701L, 20_000, Api.DEMO_PASSWORD, msg -> { });
        assertTrue(again.isEmpty());
        assertEquals(households, Sql.count(ds, "SELECT count(*) FROM household"));
        assertEquals(1, Sql.count(ds, "SELECT count(*) FROM dataset_load"));
    }

    @Test
    void wrongPasswordIsA401ProblemAndIsAudited() {
        Api.Response r = api.postJson("/login", null, "{\"username\":\"district\",\"password\":\"nope\"}");
        assertEquals(401, r.status(), r.toString());
        assertTrue(Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'LOGIN_FAILED' AND actor = 'district'") >= 1);
        Api.Response anon = api.get("/api/areas/220802/summary", null);
        assertEquals(401, anon.status());
        assertTrue(anon.isProblem(), anon.toString());
    }

    @Test
    void gridWorkerSeesTheOwnGridOnlyAndOthersAre404() {
        String token = api.login("gridworker");
        String own = (String) Sql.value(ds, "SELECT area_code FROM app_user WHERE username = 'gridworker'");
        String ownBuilding = (String) Sql.value(ds, "SELECT b.building_id FROM building b JOIN household h ON "
                + "h.building_id = b.id WHERE b.grid_code = '" + own + "' ORDER BY 1 LIMIT 1");
        String otherBuilding = (String) Sql.value(ds, "SELECT b.building_id FROM building b JOIN household h ON "
                + "h.building_id = b.id WHERE b.grid_code <> '" + own + "' ORDER BY 1 LIMIT 1");
        String otherGrid = (String) Sql.value(ds, "SELECT grid_code FROM grid WHERE grid_code <> '" + own + "' LIMIT 1");
        String otherHousehold = (String) Sql.value(ds, "SELECT h.household_id FROM household h JOIN building b ON "
                + "b.id = h.building_id WHERE b.grid_code <> '" + own + "' LIMIT 1");

        Api.Response mine = api.get("/api/buildings/" + ownBuilding, token);
        assertEquals(200, mine.status(), mine.toString());
        Api.Response theirs = api.get("/api/buildings/" + otherBuilding, token);
        assertEquals(404, theirs.status(), theirs.toString());
        assertTrue(theirs.isProblem());
        assertEquals(404, api.get("/api/grids/" + otherGrid, token).status());
        JsonNode ownGrid = api.get("/api/grids/" + own, token).json();
        assertEquals(own, ownGrid.get("grid_code").asText());
        assertEquals(Sql.value(ds, "SELECT rural FROM grid WHERE valid_to IS NULL AND grid_code = '" + own + "'"),
                ownGrid.get("rural").asBoolean(), "the panel words the household band the grid is held to");
        Api.Response reveal = api.postJson("/api/households/" + otherHousehold + "/reveal", token,
                "{\"reason\":\"防汛转移核实\"}");
        assertEquals(404, reveal.status(), "another grid's household is not found: " + reveal);
        JsonNode scoped = api.get("/api/areas/220802/summary", token).json();
        assertEquals(own, scoped.get("scoped_to").asText(), "a summary above the own area counts the own area only");
        assertEquals(1, scoped.get("counts").get("grids").asLong());
    }

    @Test
    void streetStaffCannotSeeAnotherStreet() {
        String token = api.login("street");
        String otherStreetGrid = (String) Sql.value(ds, "SELECT grid_code FROM grid WHERE grid_code NOT LIKE "
                + "'220802001%' LIMIT 1");
        assertEquals(404, api.get("/api/grids/" + otherStreetGrid, token).status());
        assertEquals(404, api.get("/api/areas/220802002/summary", token).status());
        assertEquals(200, api.get("/api/areas/220802001/summary", token).status());
    }

    @Test
    void householdContactsAreMaskedAndTheRevealIsAudited() {
        String token = api.login("community");
        String building = (String) Sql.value(ds, "SELECT b.building_id FROM building b JOIN household h ON "
                + "h.building_id = b.id WHERE b.community_code = '220802001001' AND h.phone IS NOT NULL LIMIT 1");
        long auditBefore = Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'READ_HOUSEHOLDS'");
        JsonNode b = api.get("/api/buildings/" + building, token).json();
        JsonNode h = b.get("households").get(0);
        String id = h.get("household_id").asText();
        String phone = (String) Sql.value(ds, "SELECT phone FROM household WHERE household_id = '" + id + "'");
        String idNumber = (String) Sql.value(ds, "SELECT id_number FROM household WHERE household_id = '" + id + "'");
        assertTrue(h.get("phone").asText().matches("\\d{3}\\*{4}\\d{4}"), h.toString());
        assertFalse(b.toString().contains(phone), "no clear phone in the building response");
        assertFalse(b.toString().contains(idNumber), "no clear ID number in the building response");
        assertFalse(h.has("sick"), "health details only through the reveal");
        assertEquals(auditBefore + 1, Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'READ_HOUSEHOLDS'"));

        Api.Response noReason = api.postJson("/api/households/" + id + "/reveal", token, "{}");
        assertEquals(400, noReason.status(), noReason.toString());
        assertTrue(noReason.isProblem());
        JsonNode revealed = api.postJson("/api/households/" + id + "/reveal", token,
                "{\"reason\":\"联系转移\"}").json();
        assertEquals(phone, revealed.get("phone").asText());
        assertEquals(idNumber, revealed.get("id_number").asText());
        assertEquals(1, Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'REVEAL' AND object_id = '" + id
                + "' AND detail->>'reason' = '联系转移' AND actor = 'community'"));
    }

    @Test
    void stewardPhonesAreClearOnlyThroughAnAuditedReveal() {
        String token = api.login("community");
        String grid = (String) Sql.value(ds, "SELECT s.grid_code FROM steward s WHERE s.phone IS NOT NULL AND "
                + "s.grid_code LIKE '220802001001%' ORDER BY 1 LIMIT 1");
        String phone = (String) Sql.value(ds, "SELECT phone FROM steward WHERE grid_code = '" + grid + "' AND phone "
                + "IS NOT NULL ORDER BY steward_id LIMIT 1");
        assertFalse(api.get("/api/grids/" + grid, token).body().contains(phone), "masked in the grid's detail");
        Api.Response noReason = api.postJson("/api/grids/" + grid + "/stewards/reveal", token, "{}");
        assertEquals(400, noReason.status(), noReason.toString());
        assertTrue(noReason.isProblem());
        Api.Response revealed = api.postJson("/api/grids/" + grid + "/stewards/reveal", token,
                "{\"reason\":\"打印转移清单\"}");
        assertEquals(200, revealed.status(), revealed.toString());
        assertTrue(revealed.body().contains(phone), revealed.toString());
        assertEquals(1, Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'REVEAL' AND object_type = "
                + "'grid_stewards' AND object_id = '" + grid + "' AND detail->>'reason' = '打印转移清单'"));
        Api.Response hotline = api.postJson("/api/grids/" + grid + "/stewards/reveal", api.login("hotline"),
                "{\"reason\":\"打印转移清单\"}");
        assertEquals(403, hotline.status(), hotline.toString());
        String elsewhere = (String) Sql.value(ds, "SELECT grid_code FROM grid WHERE grid_code NOT LIKE "
                + "'220802001001%' AND valid_to IS NULL LIMIT 1");
        assertEquals(404, api.postJson("/api/grids/" + elsewhere + "/stewards/reveal", token,
                "{\"reason\":\"打印转移清单\"}").status(), "outside the caller's area");
    }

    @Test
    void hotlineSeesBuildingsButNoHouseholds() {
        String building = (String) Sql.value(ds, "SELECT b.building_id FROM building b JOIN household h ON "
                + "h.building_id = b.id LIMIT 1");
        JsonNode b = api.get("/api/buildings/" + building, api.login("hotline")).json();
        assertEquals(0, b.get("households").size());
    }

    @Test
    void badParametersAndUnknownThingsAreProblems() {
        String token = api.login("district");
        Api.Response badCode = api.get("/api/grids/12ab", token);
        assertEquals(400, badCode.status());
        assertTrue(badCode.isProblem());
        assertTrue(badCode.json().get("detail").asText().contains("15 digits"), badCode.toString());
        assertEquals(404, api.get("/api/buildings/NOPE", token).status());
        assertEquals(400, api.get("/api/areas?level=PLANET", token).status());
        Api.Response unknown = api.get("/api/nothing-here", token);
        assertEquals(404, unknown.status());
        assertTrue(unknown.isProblem(), unknown.toString());
    }

    @Test
    void gridHistoryAnswersForAPastMoment() {
        String token = api.login("district");
        String code = (String) Sql.value(ds, "SELECT grid_code FROM grid ORDER BY grid_code LIMIT 1");
        Sql.exec(ds, "UPDATE grid SET valid_to = now() WHERE grid_code = '" + code + "' AND valid_to IS NULL");
        Sql.exec(ds, "INSERT INTO grid (grid_code, name, community_code, geom, version, valid_from) SELECT grid_code, "
                + "name || '（调整后）', community_code, ST_Multi(ST_Buffer(geom, -0.000002)), 2, valid_to FROM grid "
                + "WHERE grid_code = '" + code + "' AND version = 1");
        JsonNode now = api.get("/api/grids/" + code, token).json();
        JsonNode then = api.get("/api/grids/" + code + "?at=2025-07-01T00:00:00%2B08:00", token).json();
        assertEquals(2, now.get("version").asInt());
        assertEquals(1, then.get("version").asInt());
        assertEquals(2, now.get("history").size());
        assertTrue(then.get("area_m2").asLong() > now.get("area_m2").asLong());
    }

    @Test
    void cachedTotalsMatchARecountAfterChanges() {
        String recount = "SELECT string_agg(code || ':' || b || ':' || h || ':' || p || ':' || v, ',' ORDER BY code) FROM ("
                + "SELECT coalesce(b.grid_code, b.community_code) AS code, count(*) AS b, sum(b.households) AS h, "
                + "sum(b.people) AS p, sum(b.vulnerable_people) AS v FROM building b GROUP BY 1) x WHERE code IS NOT NULL "
                + "AND h > 0";
        String cached = "SELECT string_agg(code || ':' || buildings || ':' || households || ':' || people || ':' || "
                + "vulnerable_people, ',' ORDER BY code) FROM area_stats WHERE households > 0";
        String truth = "SELECT count(*) = (SELECT sum(households) FROM building) AND sum(members) = "
                + "(SELECT sum(people) FROM building) FROM household";
        Sql.exec(ds, "INSERT INTO household (household_id, building_id, floor, members, elderly) SELECT 'X-' || id, id, 1, 3, 1 "
                + "FROM building ORDER BY id LIMIT 50");
        Sql.exec(ds, "UPDATE household SET building_id = (SELECT max(id) FROM building) WHERE household_id LIKE 'X-1%'");
        Sql.exec(ds, "DELETE FROM household WHERE household_id LIKE 'X-2%'");
        Sql.exec(ds, "UPDATE household SET members = members + 1 WHERE household_id LIKE 'X-3%'");
        assertEquals(Boolean.TRUE, Sql.value(ds, truth), "per-building counts match the households");
        assertEquals(Sql.value(ds, recount), Sql.value(ds, cached), "per-area totals match a recount");
        Sql.exec(ds, "DELETE FROM household WHERE household_id LIKE 'X-%'");
        assertEquals(Sql.value(ds, recount), Sql.value(ds, cached));
    }

    @Test
    void gridSearchFindsByCodeAndCommunityNameWithinTheCallersArea() {
        String district = api.login("district");
        JsonNode byCode = api.get("/api/grids?q=220802001001", district).json();
        assertTrue(byCode.size() > 0);
        byCode.forEach(g -> assertTrue(g.get("grid_code").asText().startsWith("220802001001"), g.toString()));
        String community = (String) Sql.value(ds, "SELECT name FROM admin_area WHERE code = '220802001002'");
        long grids = Sql.count(ds, "SELECT count(*) FROM grid WHERE community_code = '220802001002' AND valid_to IS NULL");
        JsonNode byName = api.get("/api/grids?limit=100&q=" + java.net.URLEncoder.encode(community,
                java.nio.charset.StandardCharsets.UTF_8), district).json();
        assertEquals(grids, byName.findValues("community_code").stream()
                .filter(c -> c.asText().equals("220802001002")).count(), byName.toString());
        JsonNode first = byName.get(0);
        assertEquals(4, first.get("bbox").size());
        assertTrue(first.get("bbox").get(0).asDouble() < first.get("bbox").get(2).asDouble());
        // A community worker sees only the own community's grids.
        JsonNode scoped = api.get("/api/grids?q=220802", api.login("community")).json();
        assertTrue(scoped.size() > 0);
        scoped.forEach(g -> assertTrue(g.get("grid_code").asText().startsWith("220802001001"), g.toString()));
        Api.Response empty = api.get("/api/grids?q=%20", district);
        assertEquals(400, empty.status(), empty.toString());
        assertTrue(empty.isProblem());
    }
}

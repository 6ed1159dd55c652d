package org.gridmap.redistricting;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.SmallSampleTest;
import org.gridmap.testsupport.Sql;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 网格调整 on the small Baicheng sample: a METIS proposal for every community (contiguous, inside the community, in
 * band where the community's households allow, no building split, the draft's coverage QA clean), versions and
 * stale drafts, and a publish that carries open tickets, stewards and logins to the new grids with history.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedistrictingTest extends SmallSampleTest {
    private static final Set<String> GEOMETRY_DEFECTS = Set.of("GAP", "OVERLAP", "OUTSIDE_COMMUNITY", "INVALID_EDGE",
            "BUILDING_SPLIT", "NOT_CONTIGUOUS", "UNUSABLE_GEOMETRY");

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("gridmap.redistricting.max-drafts", "200");
    }

    private Api.Response post(String path, String token, String etag, String json) {
        json = json == null ? "" : json;
        return etag == null ? api.postJson(path, token, json) : api.postJson(path, token, json, "If-Match", etag);
    }

    private Api.Response create(String token, String area) {
        Api.Response r = api.postJson("/api/redistricting/drafts", token, "{\"area\":\"" + area + "\"}");
        assertEquals(201, r.status(), r.toString());
        assertNotNull(r.header("ETag"), "a new draft has a version");
        return r;
    }

    @Test
    @Order(1)
    void aProposalForEveryCommunityIsContiguousInBandWhereFeasibleAndClean() {
        String token = api.login("district");
        List<String> communities = new ArrayList<>();
        for (Object code : Sql.list(ds, "SELECT a.code FROM admin_area a WHERE a.level = 'COMMUNITY' AND EXISTS "
                + "(SELECT 1 FROM building b WHERE b.community_code = a.code) ORDER BY a.code")) {
            communities.add((String) code);
        }
        assertTrue(communities.size() >= 10, "the sample's communities: " + communities);
        int grids = 0;
        int inBand = 0;
        Map<String, String> exceptions = new TreeMap<>();
        long t0 = System.nanoTime();
        for (String community : communities) {
            Api.Response draft = create(token, community);
            long id = draft.json().get("id").asLong();
            Api.Response p = post("/api/redistricting/drafts/" + id + "/proposal", token, draft.header("ETag"),
                    "{\"mode\":\"SCRATCH\"}");
            assertEquals(200, p.status(), p.toString());
            JsonNode d = p.json();
            long households = Sql.count(ds, "SELECT coalesce(sum(households), 0) FROM building WHERE community_code = '"
                    + community + "'");
            assertEquals(households, d.get("summary").get("households").asLong(), "every household is counted");
            assertEquals(0, d.get("summary").get("unassigned_buildings").asInt(), "every building is in a grid");
            for (JsonNode f : d.get("findings")) {
                assertFalse(GEOMETRY_DEFECTS.contains(f.get("kind").asText()), community + ": " + f);
            }
            for (JsonNode x : d.get("proposal").get("exceptions")) {
                exceptions.put(community, x.get("reason").asText());
            }
            long sum = 0;
            for (JsonNode g : d.get("grids")) {
                grids++;
                sum += g.get("households").asLong();
                assertTrue(g.get("contiguous").asBoolean(), community + ": " + g);
                assertEquals(community, g.get("community_code").asText(), "a grid stays inside its community");
                if (g.get("band").asText().equals("IN")) {
                    inBand++;
                } else {
                    assertTrue(exceptions.containsKey(community), "a grid out of band is named with its reason: "
                            + community + " " + g);
                }
            }
            assertEquals(households, sum, community + ": the grids' households add up");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("redistricting proposal: %d communities, %d grids, %d in band (%.1f%%), %d communities with "
                + "an exception, %.1f s%n", communities.size(), grids, inBand, 100.0 * inBand / grids,
                exceptions.size(), seconds);
        exceptions.forEach((c, why) -> System.out.println("  exception " + c + ": " + why));
        assertTrue(grids > communities.size(), "communities with enough households get several grids");
        exceptions.forEach((c, why) -> assertTrue(why.contains("fewer than") || why.contains("cannot be cut"),
                "wherever a community's households allow it, every grid is in band: " + c + " " + why));
    }

    @Test
    @Order(2)
    void aStaleEditIs412AndPublishingOneDraftMakesTheOtherStale() {
        String token = api.login("community");
        String community = (String) Sql.value(ds, "SELECT area_code FROM app_user WHERE username = 'community'");
        Api.Response a = create(token, community);
        long id = a.json().get("id").asLong();
        String v1 = a.header("ETag");
        JsonNode g = a.json().get("grids").get(0);
        String building = (String) Sql.value(ds, "SELECT building_id FROM building WHERE community_code = '"
                + community + "' AND grid_code = '" + g.get("source_grid_code").asText() + "' ORDER BY id LIMIT 1");
        int other = a.json().get("grids").get(1).get("key").asInt();
        String move = "{\"buildings\":[\"" + building + "\"],\"to_grid\":" + other + "}";

        Api.Response none = post("/api/redistricting/drafts/" + id + "/moves", token, null, move);
        assertEquals(428, none.status(), none.toString());
        assertTrue(none.isProblem());
        Api.Response first = post("/api/redistricting/drafts/" + id + "/moves", token, v1, move);
        assertEquals(200, first.status(), first.toString());
        assertFalse(v1.equals(first.header("ETag")), "an edit makes a new version");
        Api.Response second = post("/api/redistricting/drafts/" + id + "/moves", api.login("street"), v1,
                "{\"buildings\":[\"" + building + "\"],\"to_grid\":" + g.get("key").asInt() + "}");
        assertEquals(412, second.status(), "the second editor's edit was made on the old version: " + second);
        assertEquals("/problems/precondition-failed", second.json().get("type").asText());

        // undo and redo come back to the same tallies
        JsonNode moved = first.json();
        Api.Response undone = post("/api/redistricting/drafts/" + id + "/undo", token, first.header("ETag"), null);
        assertEquals(200, undone.status(), undone.toString());
        assertEquals(tally(a.json(), other), tally(undone.json(), other));
        Api.Response redone = post("/api/redistricting/drafts/" + id + "/redo", token, undone.header("ETag"), null);
        assertEquals(tally(moved, other), tally(redone.json(), other));

        Api.Response b = create(token, community);
        long idB = b.json().get("id").asLong();
        Api.Response published = post("/api/redistricting/drafts/" + id + "/publish", token, redone.header("ETag"),
                "{}");
        assertEquals(200, published.status(), published.toString());
        assertEquals("PUBLISHED", published.json().get("status").asText());
        Api.Response stale = post("/api/redistricting/drafts/" + idB + "/moves", token, b.header("ETag"), move);
        assertEquals(409, stale.status(), stale.toString());
        assertEquals("/problems/draft-stale", stale.json().get("type").asText());
        Api.Response stalePublish = post("/api/redistricting/drafts/" + idB + "/publish", token, b.header("ETag"), "{}");
        assertEquals(409, stalePublish.status(), stalePublish.toString());
        assertOrphanFree();
    }

    @Test
    @Order(4)
    void splitMergeLockAndLassoKeepBuildingsWholeAndBadDrawingsAreRefused() {
        String token = api.login("district");
        String community = (String) Sql.value(ds, "SELECT community_code FROM building WHERE community_code NOT IN "
                + "(SELECT area_code FROM redistrict_draft WHERE status = 'PUBLISHED') GROUP BY 1 "
                + "ORDER BY sum(households) DESC LIMIT 1");
        Api.Response d = create(token, community);
        long id = d.json().get("id").asLong();
        String base = "/api/redistricting/drafts/" + id;
        // 四色 per draft grid: the same counts as the risk summary of the community, colour by colour
        api.runAndWait(token, "R50");
        JsonNode coloured = api.get(base + "?scenario=R50", token).json();
        JsonNode summary = api.get("/api/risk/summary?area=" + community + "&scenario=R50&warning_level=II", token).json();
        for (String colour : List.of("RED", "ORANGE", "YELLOW", "GREEN")) {
            long sum = 0;
            for (JsonNode g : coloured.get("grids")) {
                sum += g.get("colours").path(colour).asLong(0);
            }
            assertEquals(summary.get("total").get("households").get(colour).asLong(), sum, colour);
        }
        JsonNode grid = d.json().get("grids").get(0);
        int key = grid.get("key").asInt();
        String source = grid.get("source_grid_code").asText();
        // a line through the grid's bounding box middle, west to east, well beyond its edges
        Object[] box = Sql.rows(ds, "SELECT ST_XMin(geom) - 0.01, ST_XMax(geom) + 0.01, (ST_YMin(geom) + ST_YMax(geom)) / 2 "
                + "FROM grid WHERE valid_to IS NULL AND grid_code = '" + source + "'").get(0);
        String line = "{\"type\":\"LineString\",\"coordinates\":[[" + box[0] + "," + box[2] + "],[" + box[1] + ","
                + box[2] + "]]}";
        Api.Response split = post(base + "/split", token, d.header("ETag"), "{\"grid\":" + key + ",\"line\":" + line
                + "}");
        assertEquals(200, split.status(), split.toString());
        JsonNode after = split.json();
        assertEquals(d.json().get("summary").get("grids").asInt() + 1, after.get("summary").get("grids").asInt(),
                "one more grid");
        assertEquals(d.json().get("summary").get("households").asLong(), after.get("summary").get("households")
                .asLong(), "no household lost");
        for (JsonNode f : after.get("findings")) {
            assertFalse(Set.of("GAP", "OVERLAP", "BUILDING_SPLIT", "OUTSIDE_COMMUNITY").contains(f.get("kind").asText()),
                    "a split keeps the draft whole: " + f);
        }
        int made = 0;
        for (JsonNode g : after.get("grids")) {
            made = Math.max(made, g.get("key").asInt());
        }
        // lock the new grid: a merge touching it is refused; unlock and merge back
        Api.Response locked = post(base + "/lock", token, split.header("ETag"), "{\"grid\":" + made
                + ",\"locked\":true}");
        assertEquals(200, locked.status(), locked.toString());
        Api.Response refused = post(base + "/merge", token, locked.header("ETag"), "{\"grids\":[" + key + "," + made
                + "]}");
        assertEquals(409, refused.status(), "a locked grid is left alone: " + refused);
        Api.Response unlocked = post(base + "/lock", token, locked.header("ETag"), "{\"grid\":" + made
                + ",\"locked\":false}");
        Api.Response merged = post(base + "/merge", token, unlocked.header("ETag"), "{\"grids\":[" + key + "," + made
                + "]}");
        assertEquals(200, merged.status(), merged.toString());
        assertEquals(tally(d.json(), key), tally(merged.json(), key), "merged back, the grid holds what it held");

        // lasso: every building whose point is inside a drawn polygon moves to a new grid
        Object[] bb = Sql.rows(ds, "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT "
                + "ST_Envelope(ST_Buffer(ST_PointOnSurface(geom)::geography, 40)::geometry) e FROM building WHERE "
                + "grid_code = '" + source + "' ORDER BY id LIMIT 1) x").get(0);
        String polygon = "{\"type\":\"Polygon\",\"coordinates\":[[[" + bb[0] + "," + bb[1] + "],[" + bb[2] + ","
                + bb[1] + "],[" + bb[2] + "," + bb[3] + "],[" + bb[0] + "," + bb[3] + "],[" + bb[0] + "," + bb[1] + "]]]}";
        Api.Response lasso = post(base + "/moves", token, merged.header("ETag"), "{\"polygon\":" + polygon + "}");
        assertEquals(200, lasso.status(), lasso.toString());
        assertEquals(merged.json().get("summary").get("grids").asInt() + 1, lasso.json().get("summary").get("grids")
                .asInt(), "the lassoed buildings form a new grid");
        String csv = api.get(base + "/assignment.csv", token).body();
        assertEquals(Sql.count(ds, "SELECT count(*) FROM building WHERE community_code = '" + community + "'") + 1,
                csv.lines().count(), "one row per building and the header");

        // the CSV round trip: export, move one building to a grid the draft lacks (a new grid), import
        List<String> lines = csv.lines().skip(1).toList();
        String first = lines.get(0).split(",")[0].replace("\uFEFF", "");
        Api.Response imported = api.sendRaw("PUT", base + "/assignment.csv", token, "text/csv",
                "building_id,grid_key\r\n" + first + ",900\r\n", "If-Match", lasso.header("ETag"));
        assertEquals(200, imported.status(), imported.toString());
        assertEquals(lasso.json().get("summary").get("grids").asInt() + 1, imported.json().get("summary").get("grids")
                .asInt(), "key 900 made a new grid");
        Api.Response badCsv = api.sendRaw("PUT", base + "/assignment.csv", token, "text/csv",
                "building_id,grid_key\r\n" + first + ",1\r\nNOPE,1\r\n" + first + ",2\r\n", "If-Match",
                imported.header("ETag"));
        assertEquals(422, badCsv.status(), badCsv.toString());
        assertEquals(2, badCsv.json().get("errors").size(), "an unknown and a repeated building: " + badCsv);
        assertEquals(imported.header("ETag"), api.get(base, token).header("ETag"), "a refused file changes nothing");

        // bad drawings: each a 400 problem naming the parameter, nothing changed
        String etag = imported.header("ETag");
        for (String bad : List.of("{\"grid\":" + key + ",\"line\":{\"type\":\"Point\",\"coordinates\":[122.8,45.6]}}",
                "{\"grid\":" + key + ",\"line\":{\"type\":\"LineString\",\"coordinates\":[[1e400,2],[3,4]]}}",
                "{\"grid\":" + key + ",\"line\":{\"type\":\"LineString\",\"coordinates\":[[45.6,122.8],[45.7,122.9]]}}",
                "{\"grid\":" + key + ",\"line\":\"LINESTRING(0 0, 1 1)\"}",
                "{\"grid\":99999,\"line\":" + line + "}")) {
            Api.Response r = post(base + "/split", token, etag, bad);
            assertTrue(r.status() == 400 || r.status() == 422, bad + " → " + r);
            assertTrue(r.isProblem(), r.toString());
        }
        Api.Response bowtie = post(base + "/moves", token, etag, "{\"polygon\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[122.80,45.60],[122.82,45.62],[122.82,45.60],[122.80,45.62],[122.80,45.60]]]}}");
        assertEquals(400, bowtie.status(), bowtie.toString());
        assertTrue(bowtie.json().get("detail").asText().contains("valid"), bowtie.toString());
        assertEquals(etag, api.get(base, token).header("ETag"), "refused edits change nothing");
        assertEquals(403, api.postJson("/api/redistricting/drafts", api.login("hotline"), "{\"area\":\"" + community
                + "\"}").status(), "the hotline does not redraw grids");
        assertEquals(403, api.get(base, api.login("gridworker")).status(), "a grid worker does not redraw grids");
        String own = (String) Sql.value(ds, "SELECT area_code FROM app_user WHERE username = 'community'");
        assertEquals(community.equals(own) ? 200 : 404, api.get(base, api.login("community")).status(),
                "another community's draft is not found");
    }

    private static long tally(JsonNode draft, int key) {
        for (JsonNode g : draft.get("grids")) {
            if (g.get("key").asInt() == key) {
                return g.get("households").asLong();
            }
        }
        return -1;
    }

    @Test
    @Order(3)
    void publishingCarriesOpenTicketsStewardsAndLoginsAndKeepsHistory() throws Exception {
        String street = (String) Sql.value(ds, "SELECT area_code FROM app_user WHERE username = 'street'");
        String community = (String) Sql.value(ds, "SELECT code FROM admin_area WHERE parent_code = '" + street
                + "' AND code <> (SELECT area_code FROM app_user WHERE username = 'community') AND EXISTS (SELECT 1 "
                + "FROM building b WHERE b.community_code = admin_area.code) ORDER BY code LIMIT 1");
        String hotline = api.login("hotline");
        List<Object[]> points = Sql.rows(ds, "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) AS p FROM "
                + "building WHERE community_code = '" + community + "' ORDER BY id LIMIT 5) x");
        List<String> numbers = new ArrayList<>();
        for (Object[] p : points) {
            Api.Response t = api.postJson("/api/tickets", hotline, "{\"source\":\"HOTLINE_12345\",\"category\":"
                    + "\"PROPERTY\",\"description\":\"楼道积水\",\"lon\":" + p[0] + ",\"lat\":" + p[1] + "}",
                    "Idempotency-Key", UUID.randomUUID().toString());
            assertEquals(201, t.status(), t.toString());
            numbers.add(t.json().get("ticket").get("number").asText());
        }
        Object[] first = points.get(0);
        String before = (String) Sql.value(ds, "SELECT grid_code FROM ticket WHERE number = '" + numbers.get(0) + "'");
        OffsetDateTime beforePublish = OffsetDateTime.now();
        Thread.sleep(20);

        String token = api.login("street");
        Api.Response d = create(token, community);
        long id = d.json().get("id").asLong();
        Api.Response proposed = post("/api/redistricting/drafts/" + id + "/proposal", token, d.header("ETag"),
                "{\"mode\":\"SCRATCH\"}");
        assertEquals(200, proposed.status(), proposed.toString());
        // the diff before publishing says what the publish then does (checked against the outcome below)
        JsonNode diff = api.get("/api/redistricting/drafts/" + id + "/diff", token).json();
        java.util.Map<String, String> gridOf = new java.util.HashMap<>();
        for (Object[] r : Sql.rows(ds, "SELECT building_id, grid_code FROM building WHERE community_code = '" + community
                + "'")) {
            gridOf.put((String) r[0], (String) r[1]);
        }
        assertTrue(diff.get("open_tickets").asInt() <= numbers.size(), diff.toString());
        assertEquals(diff.get("open_tickets").asInt(), diff.get("tickets_changing").size());
        long oldGrids = Sql.count(ds, "SELECT count(*) FROM grid WHERE valid_to IS NULL AND community_code = '"
                + community + "'");
        Api.Response published = post("/api/redistricting/drafts/" + id + "/publish", token, proposed.header("ETag"),
                "{}");
        assertEquals(200, published.status(), published.toString());
        JsonNode result = published.json().get("published");
        assertEquals(diff.get("open_tickets").asInt(), result.get("tickets_moved").asInt(), "as the diff said: " + diff
                + " " + result);
        assertEquals(diff.get("stewards").asInt(), result.get("stewards_moved").asInt(), "as the diff said: " + diff);
        long changed = 0;
        for (Object[] r : Sql.rows(ds, "SELECT building_id, grid_code FROM building WHERE community_code = '" + community
                + "'")) {
            if (!java.util.Objects.equals(gridOf.get((String) r[0]), r[1])) {
                changed++;
            }
        }
        assertEquals(diff.get("buildings").asLong(), changed, "the buildings that changed grid, as the diff said");
        assertEquals(proposed.json().get("summary").get("grids").asLong(), Sql.count(ds, "SELECT count(*) FROM grid "
                + "WHERE valid_to IS NULL AND community_code = '" + community + "'"), "the new grids are current");
        assertEquals(oldGrids, Sql.count(ds, "SELECT count(*) FROM grid WHERE valid_to IS NOT NULL AND community_code = '"
                + community + "' AND valid_to > now() - interval '1 hour'"), "the old ones are history");

        for (String n : numbers) {
            assertEquals(1, Sql.count(ds, "SELECT count(*) FROM ticket t JOIN grid g ON g.grid_code = t.grid_code AND "
                    + "g.valid_to IS NULL AND ST_Intersects(g.geom, t.geom) WHERE t.number = '" + n + "'"),
                    "ticket " + n + " is in the new grid holding its point");
            boolean moved = diff.get("tickets_changing").toString().contains(n);
            assertEquals(moved ? 1 : 0, Sql.count(ds, "SELECT count(*) FROM ticket_event e JOIN ticket t ON t.id = "
                    + "e.ticket_id WHERE t.number = '" + n + "' AND e.action = 'REROUTE' AND e.data->>'by' = "
                    + "'REDISTRICTING'"), "ticket " + n + ": a rerouted-by-redistricting event when its grid changed");
        }
        // an unchanged draft publishes as it is: every grid keeps its code, nothing moves
        Api.Response again = create(token, community);
        JsonNode same = api.get("/api/redistricting/drafts/" + again.json().get("id").asLong() + "/diff", token).json();
        assertEquals(0, same.get("buildings").asInt(), same.toString());
        Api.Response republished = post("/api/redistricting/drafts/" + again.json().get("id").asLong() + "/publish",
                token, again.header("ETag"), "{}");
        assertEquals(200, republished.status(), republished.toString());
        assertEquals(0, republished.json().get("published").get("tickets_moved").asInt());
        assertEquals(0, republished.json().get("published").get("stewards_moved").asInt());
        assertEquals(403, post("/api/redistricting/drafts/" + again.json().get("id").asLong() + "/publish",
                api.login("hotline"), republished.header("ETag"), "{}").status(), "the hotline never publishes");
        Api.Response early = post("/api/redistricting/drafts/" + create(token, community).json().get("id").asLong()
                + "/publish", token, "\"1\"", "{\"effective_from\":\"2001-01-01T00:00:00+08:00\"}");
        assertEquals(400, early.status(), "before the current grids began: " + early);
        assertEquals(0, Sql.count(ds, "SELECT count(*) FROM building WHERE community_code = '" + community
                + "' AND (grid_code IS NULL OR grid_split)"), "every building whole in one new grid");
        assertOrphanFree();

        // history: the point's grid before the publish, from the grid history
        Api.Response past = api.get("/api/history/grid?lon=" + first[0] + "&lat=" + first[1] + "&at="
                + java.net.URLEncoder.encode(beforePublish.toString(), java.nio.charset.StandardCharsets.UTF_8), token);
        assertEquals(200, past.status(), past.toString());
        assertEquals(before, past.json().get("grid_code").asText());
        String now = (String) Sql.value(ds, "SELECT grid_code FROM ticket WHERE number = '" + numbers.get(0) + "'");
        JsonNode lineage = api.get("/api/grids/" + now + "/lineage", token).json();
        assertTrue(lineage.size() > 0, "the new grid names the grids it was made from: " + lineage);
        assertEquals(1, Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'PUBLISH' AND object_id = '"
                + id + "'"), "the publish is audited");
    }

    /** No table names a grid that is not current (history tables aside). */
    private void assertOrphanFree() {
        String current = "(SELECT grid_code FROM grid WHERE valid_to IS NULL)";
        assertEquals(0, Sql.count(ds, "SELECT count(*) FROM building WHERE grid_code IS NOT NULL AND grid_code NOT IN "
                + current), "buildings");
        assertEquals(0, Sql.count(ds, "SELECT count(*) FROM steward WHERE grid_code IS NOT NULL AND grid_code NOT IN "
                + current), "stewards");
        assertEquals(0, Sql.count(ds, "SELECT count(*) FROM ticket WHERE status IN (SELECT code FROM ticket_status WHERE "
                + "open) AND grid_code NOT IN " + current), "open tickets");
        assertEquals(0, Sql.count(ds, "SELECT count(*) FROM app_user WHERE length(area_code) = 15 AND area_code NOT IN "
                + current), "grid logins");
        assertEquals(0, Sql.count(ds, "SELECT count(*) FROM area_stats WHERE length(code) = 15 AND households > 0 AND "
                + "code NOT IN " + current), "area statistics");
    }
}

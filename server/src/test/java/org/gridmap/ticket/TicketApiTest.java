package org.gridmap.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.gridmap.security.Caller;
import org.gridmap.security.Role;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.SmallSampleTest;
import org.gridmap.testsupport.Sql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tickets on the small Baicheng sample: routing against PostGIS for 10,000 random points, the status workflow with
 * its history and 409s, idempotent creation, duplicate suggestions, and the figures (办结率 …) against a hand count.
 */
@MicronautTest(transactional = false)
class TicketApiTest extends SmallSampleTest {
    @Inject
    TicketService service;

    String hotline;
    String street;
    /** A grid of the sample, a point well inside it and its community. */
    String grid;
    double lon;
    double lat;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("gridmap.tickets.escalation-enabled", "false");
    }

    @BeforeAll
    void pick() {
        hotline = api.login("hotline");
        street = api.login("street");
        Sql.GridPoint p = Sql.pointInGrid(ds, "220802001", 0, 40, false);
        grid = p.gridCode();
        lon = p.lon();
        lat = p.lat();
    }

    static String body(String category, double lon, double lat, String description) {
        return "{\"source\":\"HOTLINE_12345\",\"category\":\"" + category + "\",\"description\":\"" + description
                + "\",\"lon\":" + lon + ",\"lat\":" + lat + ",\"reporter_name\":\"张小明\",\"reporter_phone\":\"13912345678\"}";
    }

    JsonNode file(String token, String json) {
        Api.Response r = api.postJson("/api/tickets", token, json, "Idempotency-Key", UUID.randomUUID().toString());
        assertEquals(201, r.status(), r.toString());
        return r.json();
    }

    JsonNode act(String token, long id, String action, String json, int expect) {
        Api.Response r = api.postJson("/api/tickets/" + id + "/actions/" + action, token, json);
        assertEquals(expect, r.status(), action + ": " + r);
        return r.json();
    }

    @Test
    void tenThousandRandomPointsLandInTheGridThatContainsThem() throws Exception {
        double[] box = new double[4];
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) e FROM grid "
                        + "WHERE valid_to IS NULL) x")) {
            rs.next();
            for (int k = 0; k < 4; k++) {
                box[k] = rs.getDouble(k + 1);
            }
        }
        double padX = (box[2] - box[0]) * 0.03;
        double padY = (box[3] - box[1]) * 0.03;
        Random random = new Random(20260701L);
        Caller caller = new Caller("router-test", Role.HOTLINE, "220802");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Long>> ids = new ArrayList<>();
        for (int k = 0; k < 10_000; k++) {
            double x = box[0] - padX + random.nextDouble() * (box[2] - box[0] + 2 * padX);
            double y = box[1] - padY + random.nextDouble() * (box[3] - box[1] + 2 * padY);
            TicketModels.NewTicket t = new TicketModels.NewTicket("PATROL", "CITY", "巡查发现 #" + k, null, x, y, null,
                    null, null, null);
            ids.add(pool.submit(() -> service.file(caller, null, t, null).ticketId()));
        }
        for (Future<Long> f : ids) {
            f.get();
        }
        pool.shutdown();
        assertEquals(10_000, Sql.count(ds, "SELECT count(*) FROM ticket WHERE created_by = 'router-test'"));
        // Inside exactly one grid: that grid. Inside none: the nearest grid, flagged. Community and street follow.
        assertEquals(0, Sql.count(ds, """
                SELECT count(*) FROM ticket t
                CROSS JOIN LATERAL (SELECT array_agg(g.grid_code) AS codes FROM grid g
                                    WHERE g.valid_to IS NULL AND ST_Contains(g.geom, t.geom)) h
                WHERE t.created_by = 'router-test'
                  AND NOT (cardinality(h.codes) = 1 AND t.grid_code = h.codes[1] AND t.routing = 'INSIDE'
                           OR h.codes IS NULL AND t.routing = 'NEAREST' AND t.needs_confirmation)"""),
                "every ticket is in the grid that contains its point (ST_Contains)");
        long inside = Sql.count(ds, "SELECT count(*) FROM ticket WHERE created_by = 'router-test' AND routing = 'INSIDE'");
        assertTrue(inside > 5_000 && inside < 10_000, "most points fall in grids, some outside: " + inside);
        assertEquals(0, Sql.count(ds, """
                SELECT count(*) FROM ticket t
                WHERE t.created_by = 'router-test' AND t.routing = 'NEAREST'
                  AND ST_Distance(t.geom::geography, (SELECT geom FROM grid WHERE grid_code = t.grid_code
                                                       AND valid_to IS NULL)::geography)
                      > (SELECT min(ST_Distance(t.geom::geography, g.geom::geography)) FROM grid g
                         WHERE g.valid_to IS NULL) + 0.01"""),
                "a point outside every grid goes to the nearest grid");
        assertEquals(0, Sql.count(ds, """
                SELECT count(*) FROM ticket t
                JOIN grid g ON g.grid_code = t.grid_code AND g.valid_to IS NULL
                JOIN admin_area cm ON cm.code = g.community_code
                WHERE t.created_by = 'router-test'
                  AND (t.community_code <> g.community_code OR t.street_code <> cm.parent_code
                       OR t.district_code <> '220802')"""), "community, street and district follow the grid");
        assertEquals(Sql.count(ds, """
                SELECT count(*) FROM ticket t JOIN grid g ON g.grid_code = t.grid_code AND g.valid_to IS NULL
                WHERE t.created_by = 'router-test' AND t.routing = 'INSIDE'
                  AND ST_Distance(ST_Boundary(g.geom)::geography, t.geom::geography) < 5"""),
                Sql.count(ds, "SELECT count(*) FROM ticket WHERE created_by = 'router-test' AND routing = 'INSIDE' "
                        + "AND needs_confirmation"), "points within 5 m of their grid's edge are flagged");
    }

    @Test
    void theWorkflowKeepsAHistoryAndRefusesIllegalSteps() {
        JsonNode filed = file(hotline, body("SANITATION", lon, lat, "垃圾未清运"));
        JsonNode t = filed.get("ticket");
        long id = t.get("id").asLong();
        assertTrue(t.get("number").asText().matches("\\d{4}-\\d{6}"), t.get("number").asText());
        assertEquals(grid, t.get("grid_code").asText());
        assertEquals("PENDING", t.get("status").asText());
        assertEquals("待受理", t.get("status_zh").asText());
        assertEquals("COMMUNITY", t.get("level").asText());
        assertEquals("区环境卫生服务中心", t.get("department").asText());
        assertEquals("张*明", t.get("reporter_name").asText(), "masked by default");
        assertEquals("139****5678", t.get("reporter_phone").asText());

        Api.Response illegal = api.postJson("/api/tickets/" + id + "/actions/resolve", street, "{}");
        assertEquals(409, illegal.status(), illegal.toString());
        assertTrue(illegal.isProblem());
        assertTrue(illegal.json().get("detail").asText().contains("PENDING"));
        act(street, id, "return", "{}", 409); // not from PENDING
        act(street, id, "dispatch", "{\"assignee\":\"王网格员\"}", 200);
        act(street, id, "return", "{}", 400); // a reason is required
        act(street, id, "return", "{\"reason\":\"不属于本社区\"}", 200);
        act(street, id, "dispatch", "{}", 200);
        act(street, id, "start", "{}", 200);
        act(street, id, "resolve", "{}", 200);
        act(street, id, "visit", "{\"rating\":7}", 400);
        act(street, id, "visit", "{\"rating\":5}", 200);
        act(street, id, "reopen", "{\"reason\":\"居民反映仍未清运\"}", 200);
        act(street, id, "dispatch", "{}", 200);
        act(street, id, "start", "{}", 200);
        act(street, id, "resolve", "{}", 200);
        act(street, id, "visit", "{\"rating\":4}", 200);
        JsonNode closed = act(street, id, "close", "{}", 200);
        assertEquals("CLOSED", closed.get("ticket").get("status").asText());
        assertEquals(4, closed.get("ticket").get("rating").asInt());
        act(street, id, "start", "{}", 409);
        Api.Response unknown = api.postJson("/api/tickets/" + id + "/actions/teleport", street, "{}");
        assertEquals(404, unknown.status());

        JsonNode detail = api.get("/api/tickets/" + id, hotline).json();
        List<String> actions = new ArrayList<>();
        detail.get("events").forEach(e -> actions.add(e.get("action").asText()));
        assertEquals(List.of("CREATE", "DISPATCH", "RETURN", "DISPATCH", "START", "RESOLVE", "VISIT", "REOPEN",
                "DISPATCH", "START", "RESOLVE", "VISIT", "CLOSE"), actions, "one event per change, refused ones none");
        JsonNode ret = detail.get("events").get(2);
        assertEquals("street", ret.get("actor").asText());
        assertEquals("不属于本社区", ret.get("reason").asText());
        assertEquals("DISPATCHED", ret.get("from_status").asText());
        assertEquals("RETURNED", ret.get("to_status").asText());
        Api.Response tamper = api.get("/api/tickets/" + id, hotline);
        assertEquals(200, tamper.status());
        try {
            Sql.exec(ds, "UPDATE ticket_event SET reason = 'x' WHERE ticket_id = " + id);
            throw new AssertionError("ticket_event must be append-only");
        } catch (RuntimeException expected) {
            assertTrue(String.valueOf(expected.getMessage()).contains("append-only")
                    || String.valueOf(expected.getCause()).contains("append-only"), expected.toString());
        }

        // Escalation by hand climbs one level with a fresh deadline; 吹哨 calls departments, each reports.
        long second = file(hotline, body("SAFETY", lon, lat, "消防通道堵塞")).get("ticket").get("id").asLong();
        act(street, second, "call", "{\"departments\":[\"区消防救援大队\"]}", 409); // community level: escalate first
        JsonNode up = act(street, second, "escalate", "{\"reason\":\"社区无法协调\"}", 200).get("ticket");
        assertEquals("STREET", up.get("level").asText());
        act(street, second, "call", "{\"departments\":[\"区消防救援大队\",\"区住建局\"]}", 200);
        JsonNode reported = act(street, second, "report", "{\"department\":\"区住建局\",\"note\":\"已到场\"}", 200);
        assertEquals(2, reported.get("calls").size());
        long reportedCount = 0;
        for (JsonNode call : reported.get("calls")) {
            if (call.hasNonNull("reported_at")) {
                reportedCount++;
            }
        }
        assertEquals(1, reportedCount);
        act(street, second, "report", "{\"department\":\"区水务局\"}", 400); // not called

        // Out of scope: the community worker of another community gets 404, not the ticket.
        String otherCommunity = (String) Sql.value(ds, "SELECT community_code FROM ticket WHERE id = " + second);
        if (!otherCommunity.equals("220802001001")) {
            assertEquals(404, api.get("/api/tickets/" + second, api.login("community")).status());
        }
        // The contact in clear: audited.
        long audits = Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'TICKET_REVEAL'");
        assertEquals(400, api.postJson("/api/tickets/" + second + "/reveal", api.login("district"), "").status(),
                "a reveal needs a reason");
        Api.Response clear = api.postJson("/api/tickets/" + second + "/reveal", api.login("district"),
                "{\"reason\":\"回电核实\"}");
        assertEquals(200, clear.status(), clear.toString());
        assertEquals("13912345678", clear.json().get("reporter_phone").asText());
        assertEquals(audits + 1, Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'TICKET_REVEAL'"));
        assertEquals(403, api.postJson("/api/tickets/" + second + "/reveal", hotline, "{\"reason\":\"回电核实\"}").status(),
                "hotline operators see a reporter's contact only for the follow-up call");
        // Once resolved, the hotline calls the reporter back (回访): the contact in clear, audited.
        assertEquals(200, api.postJson("/api/tickets/" + second + "/actions/dispatch", api.login("street"),
                "{\"assignee\":\"网格员\"}").status());
        assertEquals(200, api.postJson("/api/tickets/" + second + "/actions/start", api.login("street"), "{}").status());
        assertEquals(200, api.postJson("/api/tickets/" + second + "/actions/resolve", api.login("street"), "{}").status());
        Api.Response callBack = api.postJson("/api/tickets/" + second + "/reveal", hotline, "{\"reason\":\"回访\"}");
        assertEquals(200, callBack.status(), callBack.toString());
        assertEquals("13912345678", callBack.json().get("reporter_phone").asText());
        assertEquals(1, Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'TICKET_REVEAL' AND actor = "
                + "'hotline' AND detail->>'reason' = '回访'"));
    }

    static List<String> listed(JsonNode detail) {
        List<String> out = new ArrayList<>();
        detail.get("actions").forEach(a -> out.add(a.get("action").asText()));
        return out;
    }

    @Test
    void theDetailListsExactlyTheActionsTheCallerMayTakeNow() {
        JsonNode filed = file(hotline, body("SANITATION", lon, lat, "路灯不亮"));
        long id = filed.get("ticket").get("id").asLong();
        List<String> pending = List.of("dispatch", "escalate", "reroute", "link-duplicate");
        assertEquals(pending, listed(filed), "as filed: community level, nothing called yet");
        assertEquals(pending, listed(api.get("/api/tickets/" + id, street).json()));
        JsonNode dispatch = api.get("/api/tickets/" + id, street).json().get("actions").get(0);
        assertEquals("派遣", dispatch.get("name").asText());
        assertEquals(List.of("assignee", "note"), List.of(dispatch.get("optional").get(0).asText(),
                dispatch.get("optional").get(1).asText()));
        // Every action not listed is refused; each listed one is accepted (with its required fields).
        for (String unlisted : List.of("start", "resolve", "visit", "close", "return", "reopen", "call", "report")) {
            Api.Response r = api.postJson("/api/tickets/" + id + "/actions/" + unlisted, street,
                    "{\"reason\":\"试\",\"rating\":5,\"departments\":[\"区住建局\"],\"department\":\"区住建局\"}");
            assertTrue(r.status() == 409 || r.status() == 400, unlisted + ": " + r);
        }
        JsonNode up = act(street, id, "escalate", "{\"reason\":\"社区无法协调\"}", 200);
        assertEquals(List.of("dispatch", "escalate", "reroute", "call", "link-duplicate"), listed(up),
                "street level: street staff may call departments");
        JsonNode called = act(street, id, "call", "{\"departments\":[\"区住建局\"]}", 200);
        assertTrue(listed(called).contains("report"), "a called department may report");
        JsonNode dispatched = act(street, id, "dispatch", "{}", 200);
        assertEquals(List.of("start", "return", "escalate", "reroute", "call", "report", "link-duplicate"),
                listed(dispatched));
        JsonNode started = act(street, id, "start", "{}", 200);
        assertTrue(listed(started).contains("resolve"));
        JsonNode resolved = act(street, id, "resolve", "{}", 200);
        assertEquals(List.of("visit", "reopen"), listed(resolved));
        JsonNode visited = act(street, id, "visit", "{\"rating\":5}", 200);
        assertEquals(List.of("close", "reopen"), listed(visited));
        assertEquals(List.of("reopen"), listed(act(street, id, "close", "{}", 200)));
        // Nobody rates their own work: the grid worker who resolves may not follow up or close; the hotline may not
        // start or resolve; a grid worker does not dispatch.
        String gridworker = api.login("gridworker");
        long own = file(hotline, body("SANITATION", lon, lat, "井盖缺失")).get("ticket").get("id").asLong();
        if (Sql.value(ds, "SELECT grid_code FROM ticket WHERE id = " + own).equals("220802001001001")) {
            act(gridworker, own, "dispatch", "{}", 403);
        }
        act(street, own, "dispatch", "{}", 200);
        act(hotline, own, "start", "{}", 403);
        act(street, own, "start", "{}", 200);
        act(street, own, "resolve", "{}", 200);
        Api.Response community = api.postJson("/api/tickets/" + own + "/actions/visit", api.login("community"),
                "{\"rating\":5}");
        assertTrue(community.status() == 403 || community.status() == 404, community.toString());
        assertFalse(listed(api.get("/api/tickets/" + own, hotline).json()).isEmpty());
        assertEquals(List.of("visit", "reopen"), listed(api.get("/api/tickets/" + own, hotline).json()));
        act(hotline, own, "visit", "{\"rating\":4}", 200);
    }

    @Test
    void anUrgentTicketSaysSoEverywhereAndOrdinaryIsTheDefault() {
        String urgentBody = body("SAFETY", lon, lat, "老人被困家中").replace("}", ",\"urgent\":true}");
        JsonNode urgent = file(hotline, urgentBody).get("ticket");
        assertTrue(urgent.get("urgent").asBoolean());
        JsonNode ordinary = file(hotline, body("SANITATION", lon, lat, "垃圾未清运")).get("ticket");
        assertFalse(ordinary.get("urgent").asBoolean(), "一般 unless said");
        assertTrue(api.get("/api/tickets/" + urgent.get("id").asLong(), street).json().get("ticket").get("urgent")
                .asBoolean());
        JsonNode page = api.get("/api/tickets?size=1000&grid=" + grid, street).json();
        int seen = 0;
        for (JsonNode t : page.get("tickets")) {
            long id = t.get("id").asLong();
            if (id == urgent.get("id").asLong() || id == ordinary.get("id").asLong()) {
                assertEquals(id == urgent.get("id").asLong(), t.get("urgent").asBoolean());
                seen++;
            }
        }
        assertEquals(2, seen, "both in the list, each with its urgency");
        Api.Response wrong = api.postJson("/api/tickets", hotline, body("SAFETY", lon, lat, "x").replace("}",
                ",\"urgent\":\"yes\"}"), "Idempotency-Key", UUID.randomUUID().toString());
        assertEquals(400, wrong.status(), wrong.toString());
    }

    @Test
    void creationIsIdempotent() {
        String key = UUID.randomUUID().toString();
        String json = body("PROPERTY", lon, lat, "电梯故障");
        Api.Response a = api.postJson("/api/tickets", hotline, json, "Idempotency-Key", key);
        Api.Response b = api.postJson("/api/tickets", hotline, json, "Idempotency-Key", key);
        assertEquals(201, a.status(), a.toString());
        assertEquals(201, b.status(), b.toString());
        assertEquals(a.body(), b.body(), "the same response, byte for byte");
        long id = a.json().get("ticket").get("id").asLong();
        assertEquals(1, Sql.count(ds, "SELECT count(*) FROM ticket WHERE description = '电梯故障'"));
        // The same body with reordered keys and spaces is the same request.
        String reordered = "{ \"lat\": " + lat + ", \"lon\": " + lon + ", \"category\": \"PROPERTY\", \"description\": "
                + "\"电梯故障\", \"source\": \"HOTLINE_12345\", \"reporter_phone\": \"13912345678\", \"reporter_name\": \"张小明\" }";
        assertEquals(a.body(), api.postJson("/api/tickets", hotline, reordered, "Idempotency-Key", key).body());
        Api.Response other = api.postJson("/api/tickets", hotline, body("PROPERTY", lon, lat, "电梯困人"),
                "Idempotency-Key", key);
        assertEquals(422, other.status(), other.toString());
        assertTrue(other.json().get("type").asText().endsWith("idempotency-key-reused"));
        Api.Response none = api.postJson("/api/tickets", hotline, json);
        assertEquals(400, none.status(), none.toString());
        assertTrue(none.json().get("type").asText().endsWith("idempotency-key-missing"));
        // Keys belong to their caller: another user with the same key files a ticket of their own.
        Api.Response mine = api.postJson("/api/tickets", street, json, "Idempotency-Key", key);
        assertEquals(201, mine.status());
        assertNotEquals(id, mine.json().get("ticket").get("id").asLong());
        assertEquals(2, Sql.count(ds, "SELECT count(*) FROM ticket WHERE description = '电梯故障'"));
        // Bad input: clear 4xx, nothing stored.
        long before = Sql.count(ds, "SELECT count(*) FROM ticket");
        for (String bad : List.of(body("NOPE", lon, lat, "x"), body("CITY", lat, lon, "swapped"),
                body("CITY", 0, 0, "null island"), "{\"category\":\"CITY\"}", "{not json",
                body("CITY", lon, lat, "").replace("\"description\":\"\"", "\"description\":\"   \""))) {
            Api.Response r = api.postJson("/api/tickets", hotline, bad, "Idempotency-Key", UUID.randomUUID().toString());
            assertTrue(r.status() >= 400 && r.status() < 500 && r.isProblem(), bad + " → " + r);
        }
        Api.Response swapped = api.postJson("/api/tickets", hotline, body("CITY", lat, lon, "swapped"),
                "Idempotency-Key", UUID.randomUUID().toString());
        assertTrue(swapped.json().get("detail").asText().contains("swapped"), swapped.toString());
        assertEquals(before, Sql.count(ds, "SELECT count(*) FROM ticket"));
    }

    @Test
    void nearbyOpenTicketsOfTheSameCategoryAreSuggestedAndCanBeLinked() {
        // A point of its own (other tests file CITY, DISPUTE… tickets elsewhere), and categories no other test files.
        Sql.GridPoint own = Sql.pointInGrid(ds, "220802001", 3, 60, false);
        double lon = own.lon();
        double lat = own.lat();
        double dLon = 30 / (111_320 * Math.cos(Math.toRadians(lat))); // 30 m east
        JsonNode first = file(hotline, body("FLOOD", lon, lat, "路口积水")).get("ticket");
        JsonNode near = file(hotline, body("FLOOD", lon + dLon, lat, "路口积水严重"));
        List<Long> suggested = new ArrayList<>();
        near.get("possible_duplicates").forEach(d -> suggested.add(d.get("id").asLong()));
        assertTrue(suggested.contains(first.get("id").asLong()), near.toString());
        double distance = near.get("possible_duplicates").get(0).get("distance_m").asDouble();
        assertEquals(30, distance, 1.0);
        JsonNode far = file(hotline, body("FLOOD", lon + 3 * dLon, lat, "积水"));   // 90 m
        far.get("possible_duplicates").forEach(d -> assertNotEquals(first.get("id").asLong(), d.get("id").asLong()));
        JsonNode otherKind = file(hotline, body("SANITATION", lon + dLon, lat, "垃圾堆放"));
        assertEquals(0, otherKind.get("possible_duplicates").size());

        long dup = near.get("ticket").get("id").asLong();
        JsonNode linked = act(street, dup, "link-duplicate", "{\"duplicate_of\":" + first.get("id").asLong() + "}", 200);
        assertEquals("CLOSED", linked.get("ticket").get("status").asText());
        assertEquals(first.get("id").asLong(), linked.get("ticket").get("duplicate_of").asLong());
        JsonNode original = api.get("/api/tickets/" + first.get("id").asLong(), street).json();
        assertEquals("DUPLICATE_LINKED", original.get("events").get(original.get("events").size() - 1).get("action").asText());
    }

    @Test
    void theFiguresMatchAHandCount() throws Exception {
        // A grid of its own for this test, so other tests' tickets do not count.
        Sql.GridPoint own = Sql.pointInGrid(ds, "220802001", 0, 40, true);
        String g = own.gridCode();
        double x = own.lon();
        double y = own.lat();
        assertNotEquals(grid, g);
        long[] ids = new long[8];
        for (int k = 0; k < 8; k++) {
            ids[k] = file(hotline, body("CITY", x, y, "占道经营 " + k)).get("ticket").get("id").asLong();
        }
        // 0–3 resolved; 1 after a lateness escalation (not on time); 0–2 visited with 5, 4, 2; 4–6 open, 5 overdue;
        // 7 merged into 6 as a duplicate (not counted).
        for (int k = 0; k < 4; k++) {
            act(street, ids[k], "dispatch", "{}", 200);
            act(street, ids[k], "start", "{}", 200);
            if (k == 1) {
                Sql.exec(ds, "UPDATE ticket SET due_at = now() - interval '1 minute' WHERE id = " + ids[k]);
                assertTrue(service.sweep()[0] >= 1);
            }
            act(street, ids[k], "resolve", "{}", 200);
        }
        int[] ratings = {5, 4, 2};
        for (int k = 0; k < 3; k++) {
            act(street, ids[k], "visit", "{\"rating\":" + ratings[k] + "}", 200);
        }
        act(street, ids[4], "dispatch", "{}", 200);
        act(street, ids[7], "link-duplicate", "{\"duplicate_of\":" + ids[6] + "}", 200);
        Sql.exec(ds, "UPDATE ticket SET due_at = now() - interval '1 minute' WHERE id = " + ids[5]);

        JsonNode s = api.get("/api/tickets/stats?area=" + g, street).json().get("total");
        assertEquals(7, s.get("received").asLong());
        assertEquals(4, s.get("resolved").asLong());
        assertEquals(TicketQuery.ratio(4, 7), s.get("resolved_rate").asDouble());
        assertEquals(0.5714, s.get("resolved_rate").asDouble());
        assertEquals(3, s.get("resolved_on_time").asLong());
        assertEquals(0.4286, s.get("on_time_rate").asDouble());
        assertEquals(3, s.get("rated").asLong());
        assertEquals(2, s.get("satisfied").asLong());
        assertEquals(0.6667, s.get("satisfaction_rate").asDouble());
        assertEquals(3, s.get("backlog").asLong());
        assertEquals(1, s.get("overdue").asLong());
        assertTrue(s.get("avg_hours_to_resolve").asDouble() >= 0);

        // The community's figures list this grid as a child with the same numbers; a later period has none.
        JsonNode community = api.get("/api/tickets/stats?area=" + g.substring(0, 12), street).json();
        JsonNode child = null;
        for (JsonNode c : community.get("children")) {
            if (c.get("code").asText().equals(g)) {
                child = c;
            }
        }
        assertEquals(s, child);
        JsonNode future = api.get("/api/tickets/stats?area=" + g + "&from=2099-01-01&to=2099-12-31", street).json().get("total");
        assertEquals(0, future.get("received").asLong());
        assertTrue(future.get("resolved_rate").isNull());
        assertEquals(404, api.get("/api/tickets/stats?area=220802002", street).status(), "another street");
    }

    @Test
    void listFiltersFindTicketsOnTheMap() {
        JsonNode t = file(hotline, body("DISPUTE", lon, lat, "邻里噪音纠纷")).get("ticket");
        long id = t.get("id").asLong();
        double d = 0.0005;
        String[] hits = {
            "bbox=" + (lon - d) + "," + (lat - d) + "," + (lon + d) + "," + (lat + d),
            "near=" + lon + "," + lat + "&radius_m=20",
            "grid=" + grid,
            "area=" + grid.substring(0, 12),
            "polygon=" + java.net.URLEncoder.encode("POLYGON((" + (lon - d) + " " + (lat - d) + "," + (lon + d) + " "
                    + (lat - d) + "," + (lon + d) + " " + (lat + d) + "," + (lon - d) + " " + (lat + d) + ","
                    + (lon - d) + " " + (lat - d) + "))", java.nio.charset.StandardCharsets.UTF_8),
            "status=PENDING,DISPATCHED&category=DISPUTE&level=COMMUNITY&overdue=false",
            "from=2020-01-01&to=2099-01-01",
        };
        for (String q : hits) {
            JsonNode page = api.get("/api/tickets?size=1000&" + q, hotline).json();
            List<Long> ids = new ArrayList<>();
            page.get("tickets").forEach(x -> ids.add(x.get("id").asLong()));
            assertTrue(ids.contains(id), q + " → " + page.get("total"));
        }
        String[] misses = {
            "bbox=" + (lon + d) + "," + (lat + d) + "," + (lon + 2 * d) + "," + (lat + 2 * d),
            "status=CLOSED", "category=FLOOD", "overdue=true", "level=STREET", "to=2020-01-01",
        };
        for (String q : misses) {
            JsonNode page = api.get("/api/tickets?size=1000&" + q, hotline).json();
            page.get("tickets").forEach(x -> assertNotEquals(id, x.get("id").asLong(), q));
        }
        for (String bad : List.of("bbox=1,2,3", "polygon=POINT(1%202)", "status=LOST", "near=200,1", "size=5000",
                "polygon=" + java.net.URLEncoder.encode("POLYGON((0 0,1 1,1 0,0 1,0 0))",
                        java.nio.charset.StandardCharsets.UTF_8))) {
            Api.Response r = api.get("/api/tickets?" + bad, hotline);
            assertEquals(400, r.status(), bad + " → " + r);
            assertTrue(r.isProblem());
        }
        assertNull(api.get("/api/tickets?grid=" + grid, api.login("gridworker")).json().get("nothing"));
        assertFalse(api.get("/api/tickets/categories", hotline).json().isEmpty());
    }

    @Test
    void anOpenMapHearsOfNewTicketsInItsAreaAndTheyAreALayer() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        var stream = http.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.getURI()
                        + "/api/tickets/stream")).header("Authorization", "Bearer " + street)
                        .header("Accept", "text/event-stream").build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        var response = stream.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (java.io.UncheckedIOException closedAtShutdown) {
                // the server stops at the end of the class
            }
        });
        reader.setDaemon(true);
        reader.start();
        Thread.sleep(500); // the feed's LISTEN is in place
        long id = file(hotline, body("CITY", lon, lat, "井盖缺失 SSE")).get("ticket").get("id").asLong();
        String got = null;
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end && got == null) {
            String line = lines.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith("data:") && line.contains("\"id\":" + id + ",")) {
                got = line;
            }
        }
        assertTrue(got != null && got.contains(grid) && got.contains("PENDING"), "event for ticket " + id + ": " + lines);

        // The tickets layer: a tile over the ticket holds it with its status (GDAL reads it), for logged-in callers.
        int[] t = org.gridmap.testsupport.Mvt.tileOf(16, lon, lat);
        int z = t[0];
        int x = t[1];
        int y = t[2];
        var tile = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.getURI() + "/tiles/tickets/"
                + z + "/" + x + "/" + y + ".mvt")).header("Authorization", "Bearer " + street).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, tile.statusCode());
        Map<String, Integer> counts = new java.util.HashMap<>();
        Map<String, String> statuses = org.gridmap.testsupport.Mvt.decode(tile.body(), "number", "status", counts);
        String number = (String) Sql.value(ds, "SELECT number FROM ticket WHERE id = " + id);
        assertEquals("PENDING", statuses.get(number), statuses.toString());
        assertEquals(401, http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.getURI()
                + "/tiles/tickets/" + z + "/" + x + "/" + y + ".mvt")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray()).statusCode());
    }
}

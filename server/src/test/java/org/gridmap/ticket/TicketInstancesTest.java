package org.gridmap.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.ServerProcess;
import org.gridmap.testsupport.TestPostgis;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tickets with real server processes on one database: two instances escalate 1,000 overdue tickets exactly once
 * each; 10,000 tickets filed by 16 retrying clients while the server is killed with kill -9 and restarted three
 * times end with none lost and none duplicated.
 */
class TicketInstancesTest {
    static final Map<String, String> ENV = Map.of("GRIDMAP_SAMPLE_LOAD", "true", "GRIDMAP_SAMPLE_HOUSEHOLDS", "20000",
            "GRIDMAP_TICKETS_ESCALATION_INTERVAL", "200ms", "GRIDMAP_TICKETS_ESCALATION_INITIAL_DELAY", "0s",
            "GRIDMAP_TICKETS_SWEEP_BATCH", "50");
    static final ObjectMapper JSON = new ObjectMapper();

    static long scalar(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static double[] pointInAGrid(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT ST_X(p), ST_Y(p) FROM grid, "
                + "ST_PointOnSurface(geom) p WHERE valid_to IS NULL ORDER BY grid_code LIMIT 1")) {
            rs.next();
            return new double[] {rs.getDouble(1), rs.getDouble(2)};
        }
    }

    static String body(double[] p, String description) {
        return "{\"source\":\"HOTLINE_3650000\",\"category\":\"CITY\",\"description\":\"" + description + "\",\"lon\":"
                + p[0] + ",\"lat\":" + p[1] + "}";
    }

    @Test
    void twoInstancesEscalateEachOverdueTicketExactlyOnce() throws Exception {
        TestPostgis pg = TestPostgis.get();
        String url = pg.newDatabase("t_ticket_escalation");
        try (ServerProcess a = ServerProcess.start(url, ENV); ServerProcess b = ServerProcess.start(url, ENV);
             Connection c = DriverManager.getConnection(url, pg.user(), pg.password())) {
            Api api = new Api(a.uri());
            String token = api.login("hotline");
            double[] p = pointInAGrid(c);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> filed = new ArrayList<>();
            for (int k = 0; k < 1000; k++) {
                String json = body(p, "escalation " + k);
                filed.add(pool.submit(() -> api.postJson("/api/tickets", token, json, "Idempotency-Key",
                        UUID.randomUUID().toString()).status()));
            }
            for (Future<Integer> f : filed) {
                assertEquals(201, f.get());
            }
            pool.shutdown();
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE ticket SET due_at = now() - interval '1 minute' WHERE description LIKE 'escalation %'");
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (scalar(c, "SELECT count(*) FROM ticket WHERE level = 'STREET' AND description LIKE 'escalation %'") < 1000
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1500); // several more sweeps on both instances: none may escalate again
            assertEquals(1000, scalar(c, "SELECT count(*) FROM ticket WHERE level = 'STREET' AND auto_escalations = 1 "
                    + "AND due_at > now() AND description LIKE 'escalation %'"), "every ticket climbed one level, once");
            assertEquals(1000, scalar(c, "SELECT count(*) FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id "
                    + "WHERE e.action = 'ESCALATE' AND t.description LIKE 'escalation %'"), "one event per ticket");
            assertEquals(0, scalar(c, "SELECT count(*) FROM (SELECT ticket_id FROM ticket_event WHERE action = 'ESCALATE' "
                    + "GROUP BY ticket_id HAVING count(*) > 1) x"));
            long instances = scalar(c, "SELECT count(DISTINCT data->>'instance') FROM ticket_event WHERE action = 'ESCALATE'");
            System.out.println("escalation: instances that escalated tickets: " + instances);
            assertTrue(instances >= 1 && instances <= 2);
            // The history says who and why.
            JsonNode t = api.get("/api/tickets/" + scalar(c, "SELECT min(id) FROM ticket WHERE description LIKE "
                    + "'escalation %'"), api.login("district")).json();
            JsonNode last = t.get("events").get(t.get("events").size() - 1);
            assertEquals("ESCALATE", last.get("action").asText());
            assertEquals("system", last.get("actor").asText());
            assertEquals("COMMUNITY", last.get("from_level").asText());
            assertEquals("STREET", last.get("to_level").asText());
        }
    }

    @Test
    void tenThousandRetriedCreatesSurviveThreeKills() throws Exception {
        TestPostgis pg = TestPostgis.get();
        String url = pg.newDatabase("t_ticket_kill");
        AtomicReference<ServerProcess> server = new AtomicReference<>(ServerProcess.start(url, ENV));
        try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password())) {
            String token = new Api(server.get().uri()).login("hotline");
            double[] p = pointInAGrid(c);
            int total = 10_000;
            Map<Integer, Long> ids = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger retries = new AtomicInteger();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).build();
            ExecutorService clients = Executors.newFixedThreadPool(16);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                done.add(clients.submit(() -> {
                    for (int k = next.getAndIncrement(); k < total; k = next.getAndIncrement()) {
                        String key = "kill-" + k + "-" + UUID.nameUUIDFromBytes(("t" + k).getBytes());
                        String json = body(p, "kill-test " + k);
                        while (true) {
                            try {
                                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(
                                        server.get().uri() + "/api/tickets")).timeout(Duration.ofSeconds(10))
                                        .header("Content-Type", "application/json")
                                        .header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                                        HttpResponse.BodyHandlers.ofString());
                                if (r.statusCode() == 201) {
                                    long id = JSON.readTree(r.body()).get("ticket").get("id").asLong();
                                    Long before = ids.putIfAbsent(k, id);
                                    if (before != null && before != id) {
                                        throw new AssertionError("ticket " + k + " got two ids");
                                    }
                                    break;
                                }
                                if (r.statusCode() < 500) {
                                    throw new AssertionError("ticket " + k + ": " + r.statusCode() + " " + r.body());
                                }
                            } catch (java.io.IOException e) {
                                // the server is down: retry with the same key
                            }
                            retries.incrementAndGet();
                            Thread.sleep(100);
                        }
                    }
                    return null;
                }));
            }
            for (int kill = 1; kill <= 3; kill++) {
                int at = kill * total / 4;
                while (ids.size() < at) {
                    Thread.sleep(20);
                }
                server.get().kill9();
                server.set(ServerProcess.start(url, ENV));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.MINUTES);
            }
            clients.shutdown();
            System.out.println("kill test: " + retries.get() + " retries");
            assertEquals(total, ids.size());
            assertEquals(total, scalar(c, "SELECT count(*) FROM ticket WHERE description LIKE 'kill-test %'"), "none lost, none duplicated");
            assertEquals(total, scalar(c, "SELECT count(DISTINCT description) FROM ticket WHERE description LIKE 'kill-test %'"));
            assertEquals(total, scalar(c, "SELECT count(*) FROM ticket_idempotency i JOIN ticket t ON t.id = i.ticket_id "
                    + "WHERE t.description LIKE 'kill-test %'"));
            assertEquals(total, scalar(c, "SELECT count(*) FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id "
                    + "WHERE e.action = 'CREATE' AND t.description LIKE 'kill-test %'"));
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT substr(description, 11)::int, id FROM ticket WHERE description LIKE 'kill-test %'")) {
                while (rs.next()) {
                    assertEquals(ids.get(rs.getInt(1)), rs.getLong(2), "the client holds the id the database has");
                }
            }
            assertTrue(retries.get() > 0, "the kills interrupted some requests");
        } finally {
            server.get().close();
        }
    }
}

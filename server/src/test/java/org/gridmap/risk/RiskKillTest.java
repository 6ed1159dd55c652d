package org.gridmap.risk;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.ServerProcess;
import org.gridmap.testsupport.TestPostgis;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance: killing the service (kill -9) during a 四色 run leaves the previous results readable and consistent,
 * and a new run then succeeds. The doomed run is held at its last step — making its results current — by a row lock
 * this test takes, so it dies having written everything else.
 */
class RiskKillTest {

    static long scalar(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aKilledRunLeavesThePreviousResultsAndANewRunSucceeds() throws Exception {
        TestPostgis pg = TestPostgis.get();
        String url = pg.newDatabase("t_riskkill");
        Map<String, String> env = Map.of("GRIDMAP_SAMPLE_LOAD", "true", "GRIDMAP_SAMPLE_HOUSEHOLDS", "20000");
        JsonNode before;
        long doomed;
        try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password())) {
            ServerProcess a = ServerProcess.start(url, env);
            Api api = new Api(a.uri());
            String token = api.login("district");
            JsonNode firstRun = api.runAndWait(token, "R50");
            assertEquals("SUCCEEDED", firstRun.get("status").asText());
            long first = firstRun.get("id").asLong();
            before = api.get("/api/risk/summary?area=220802&scenario=R50", token).json();

            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT 1 FROM risk_current rc JOIN flood_scenario s ON s.id = rc.scenario_id "
                        + "WHERE s.code = 'R50' FOR UPDATE OF rc");
            }
            doomed = api.postJson("/api/risk/runs", token, "{\"scenario\":\"R50\"}").json().get("id").asLong();
            long waiting = 0;
            for (int k = 0; k < 600 && waiting == 0; k++) {
                Thread.sleep(100);
                // Blocked by this test's lock on the scenario's risk_current row, which only activation touches.
                waiting = scalar(c, "SELECT count(*) FROM pg_locks l WHERE NOT l.granted "
                        + "AND pg_backend_pid() = ANY (pg_blocking_pids(l.pid))");
            }
            JsonNode held = api.get("/api/risk/runs/" + doomed, token).json();
            assertEquals("classifying", held.get("phase").asText(), "inputs written, classified: " + held);
            if (waiting != 1) {
                StringBuilder b = new StringBuilder();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT state, wait_event_type, "
                        + "wait_event, left(regexp_replace(query, '\\s+', ' ', 'g'), 120) FROM pg_stat_activity "
                        + "WHERE datname = current_database()")) {
                    while (rs.next()) {
                        b.append(rs.getString(1)).append(" | ").append(rs.getString(2)).append(" | ")
                                .append(rs.getString(3)).append(" | ").append(rs.getString(4)).append('\n');
                    }
                }
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT l.locktype, "
                        + "l.relation::regclass::text, l.mode, l.transactionid::text, l.pid, pg_blocking_pids(l.pid)::text, "
                        + "pg_backend_pid() FROM pg_locks l WHERE NOT l.granted")) {
                    while (rs.next()) {
                        for (int k = 1; k <= 7; k++) {
                            b.append(rs.getString(k)).append(" | ");
                        }
                        b.append('\n');
                    }
                }
                b.append(api.get("/api/risk/runs/" + doomed, token).body()).append('\n');
                throw new AssertionError("the second run should wait at its last step:\n" + b);
            }
            a.kill9();
            c.rollback();
            c.setAutoCommit(true);
            assertEquals(first, scalar(c, "SELECT rc.run_id FROM risk_current rc JOIN flood_scenario s ON "
                    + "s.id = rc.scenario_id WHERE s.code = 'R50'"), "the previous run is still current");
            assertEquals(0, scalar(c, "SELECT count(*) FROM risk_building WHERE run_id = " + doomed),
                    "nothing of the killed run was kept");
            assertEquals(0, scalar(c, "SELECT count(*) FROM risk_area WHERE run_id = " + doomed));
        }

        ServerProcess b = ServerProcess.start(url, env);
        try (b) {
            Api api = new Api(b.uri());
            String token = api.login("district");
            JsonNode killed = api.get("/api/risk/runs/" + doomed, token).json();
            assertEquals("FAILED", killed.get("status").asText(), killed.toString());
            assertTrue(killed.get("message").asText().contains("previous results"), killed.toString());
            JsonNode after = api.get("/api/risk/summary?area=220802&scenario=R50", token).json();
            assertEquals(before.get("total"), after.get("total"), "the previous results read the same");
            assertEquals(before.get("run_id"), after.get("run_id"));

            JsonNode freshRun = api.runAndWait(token, "R50");
            assertEquals("SUCCEEDED", freshRun.get("status").asText());
            long fresh = freshRun.get("id").asLong();
            JsonNode again = api.get("/api/risk/summary?area=220802&scenario=R50", token).json();
            assertEquals(fresh, again.get("run_id").asLong());
            assertEquals(before.get("total"), again.get("total"), "same data, same classes");
        }
    }
}

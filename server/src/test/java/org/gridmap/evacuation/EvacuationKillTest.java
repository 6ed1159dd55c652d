package org.gridmap.evacuation;

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
 * Acceptance: kill -9 during a plan computation leaves the previous plan intact and the job FAILED; a rerun
 * succeeds. The doomed plan (raising the level) is held at its last transaction — which first takes the evacuation's
 * row — by a row lock this test holds, so it dies with everything computed and nothing written.
 */
class EvacuationKillTest {

    static long scalar(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static JsonNode await(Api api, String token, long plan) throws InterruptedException {
        for (int k = 0; k < 1200; k++) {
            JsonNode p = api.get("/api/evacuation/plans/" + plan, token).json();
            if (!p.get("status").asText().equals("RUNNING")) {
                return p;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("plan " + plan + " still running");
    }

    @Test
    void aKilledPlanLeavesThePreviousPlanAndARerunSucceeds() throws Exception {
        TestPostgis pg = TestPostgis.get();
        String url = pg.newDatabase("t_evacuationkill");
        Map<String, String> env = Map.of("GRIDMAP_SAMPLE_LOAD", "true", "GRIDMAP_SAMPLE_HOUSEHOLDS", "20000");
        String body = "{\"area\":\"220802\",\"scenario\":\"R50\",\"warning_level\":\"%s\"}";
        long doomed;
        long transfersBefore;
        String fingerprint;
        try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password())) {
            ServerProcess a = ServerProcess.start(url, env);
            Api api = new Api(a.uri());
            String token = api.login("district");
            assertEquals("SUCCEEDED", api.runAndWait(token, "R50").get("status").asText());
            Api.Response first = api.postJson("/api/evacuation/flood-mode", token, String.format(body, "III"));
            assertEquals(202, first.status(), first.toString());
            JsonNode firstPlan = await(api, token, first.json().get("id").asLong());
            assertEquals("SUCCEEDED", firstPlan.get("status").asText(), firstPlan.toString());
            long evacuation = firstPlan.get("evacuation_id").asLong();
            transfersBefore = scalar(c, "SELECT count(*) FROM transfer");
            fingerprint = fingerprint(c);

            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT 1 FROM evacuation WHERE id = " + evacuation + " FOR NO KEY UPDATE");
            }
            Api.Response raise = api.postJson("/api/evacuation/flood-mode", token, String.format(body, "I"));
            assertEquals(202, raise.status(), raise.toString());
            doomed = raise.json().get("id").asLong();
            long waiting = 0;
            for (int k = 0; k < 1200 && waiting == 0; k++) {
                Thread.sleep(100);
                waiting = scalar(c, "SELECT count(*) FROM pg_locks l WHERE NOT l.granted "
                        + "AND pg_backend_pid() = ANY (pg_blocking_pids(l.pid))");
            }
            JsonNode held = api.get("/api/evacuation/plans/" + doomed, token).json();
            assertEquals(1, waiting, "the plan waits at its last transaction: " + held);
            assertEquals("writing", held.get("phase").asText(), held.toString());
            a.kill9();
            c.rollback();
            c.setAutoCommit(true);
            assertEquals(transfersBefore, scalar(c, "SELECT count(*) FROM transfer"), "nothing of it was written");
            assertEquals(fingerprint, fingerprint(c), "the previous plan is intact");
            assertEquals(0, scalar(c, "SELECT count(*) FROM transfer WHERE plan_id = " + doomed));
        }

        ServerProcess b = ServerProcess.start(url, env);
        try (b; Connection c = DriverManager.getConnection(url, pg.user(), pg.password())) {
            Api api = new Api(b.uri());
            String token = api.login("district");
            JsonNode killed = api.get("/api/evacuation/plans/" + doomed, token).json();
            assertEquals("FAILED", killed.get("status").asText(), killed.toString());
            assertTrue(killed.get("message").asText().contains("as they were"), killed.toString());
            JsonNode evac = api.get("/api/evacuation/evacuations", token).json().get(0);
            assertEquals("III", evac.get("warning_level").asText(), "the level did not change: " + evac);

            Api.Response rerun = api.postJson("/api/evacuation/flood-mode", token, String.format(body, "I"));
            assertEquals(202, rerun.status(), rerun.toString());
            JsonNode done = await(api, token, rerun.json().get("id").asLong());
            assertEquals("SUCCEEDED", done.get("status").asText(), done.toString());
            assertTrue(scalar(c, "SELECT count(*) FROM transfer") > transfersBefore, "level I adds households");
            assertEquals("I", api.get("/api/evacuation/evacuations", token).json().get(0).get("warning_level")
                    .asText());
        }
    }

    /** The placed transfers of the first plan, as one text. */
    private static String fingerprint(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT md5(string_agg(household_id "
                + "|| ':' || coalesce(shelter_id::text, '-') || ':' || code || ':' || status, ',' ORDER BY "
                + "household_id)) FROM transfer")) {
            rs.next();
            return rs.getString(1);
        }
    }
}

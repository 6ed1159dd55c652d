package org.gridmap.redistricting;

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
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance: kill -9 in the middle of a publish leaves the old grids, never a mix. The publish is held after it
 * has ended the old grids, written the new ones and moved tickets and stewards — at making the other draft over the
 * area stale — by a row lock this test holds on that draft; the server is killed there. A new server then publishes
 * the same draft.
 */
class RedistrictKillTest {

    private static String text(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The community's current grids (codes, versions and boundaries) and its buildings' membership, as one text. */
    private static String fingerprint(Connection c, String community) throws Exception {
        return text(c, "SELECT md5(coalesce((SELECT string_agg(grid_code || ':' || version || ':' || md5(ST_AsBinary(geom)), "
                + "',' ORDER BY grid_code) FROM grid WHERE valid_to IS NULL AND community_code = '" + community
                + "'), '') || '|' || coalesce((SELECT string_agg(building_id || ':' || coalesce(grid_code, '-'), ',' "
                + "ORDER BY building_id) FROM building WHERE community_code = '" + community + "'), ''))");
    }

    @Test
    void aKilledPublishLeavesTheOldGridsAndANewServerPublishes() throws Exception {
        TestPostgis pg = TestPostgis.get();
        String url = pg.newDatabase("t_redistrictkill");
        Map<String, String> env = Map.of("GRIDMAP_SAMPLE_LOAD", "true", "GRIDMAP_SAMPLE_HOUSEHOLDS", "20000");
        long draft;
        String before;
        String community;
        try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password())) {
            ServerProcess a = ServerProcess.start(url, env);
            Api api = new Api(a.uri());
            String token = api.login("street");
            community = text(c, "SELECT b.community_code FROM building b WHERE b.community_code LIKE "
                    + "(SELECT area_code FROM app_user WHERE username = 'street') || '%' GROUP BY 1 "
                    + "ORDER BY sum(households) DESC LIMIT 1");
            String[] point = text(c, "SELECT ST_X(p) || ',' || ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM "
                    + "building WHERE community_code = '" + community + "' ORDER BY id LIMIT 1) x").split(",");
            Api.Response ticket = api.postJson("/api/tickets", api.login("hotline"), "{\"source\":\"HOTLINE_12345\","
                    + "\"category\":\"PROPERTY\",\"description\":\"楼道积水\",\"lon\":" + point[0] + ",\"lat\":"
                    + point[1] + "}", "Idempotency-Key", UUID.randomUUID().toString());
            assertEquals(201, ticket.status(), ticket.toString());
            Api.Response d = api.postJson("/api/redistricting/drafts", token, "{\"area\":\"" + community + "\"}");
            assertEquals(201, d.status(), d.toString());
            draft = d.json().get("id").asLong();
            Api.Response proposed = api.postJson("/api/redistricting/drafts/" + draft + "/proposal", token,
                    "{\"mode\":\"SCRATCH\"}", "If-Match", d.header("ETag"));
            assertEquals(200, proposed.status(), proposed.toString());
            String etag = proposed.header("ETag");
            before = fingerprint(c, community);

            // a second draft over the community: the publish makes it stale in its last step — hold that row
            Api.Response other = api.postJson("/api/redistricting/drafts", token, "{\"area\":\"" + community + "\"}");
            assertEquals(201, other.status(), other.toString());
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT 1 FROM redistrict_draft WHERE id = " + other.json().get("id").asLong() + " FOR UPDATE");
            }
            Thread publisher = new Thread(() -> {
                try {
                    api.postJson("/api/redistricting/drafts/" + draft + "/publish", token, "{}", "If-Match", etag);
                } catch (RuntimeException killed) {
                    // the server dies under it
                }
            });
            publisher.setDaemon(true);
            publisher.start();
            long waiting = 0;
            for (int k = 0; k < 600 && waiting == 0; k++) {
                Thread.sleep(100);
                waiting = Long.parseLong(text(c, "SELECT count(*) FROM pg_locks l WHERE NOT l.granted "
                        + "AND pg_backend_pid() = ANY (pg_blocking_pids(l.pid))"));
            }
            assertEquals(1, waiting, "the publish waits at its last step, its new grids, lineage and moves written");
            a.kill9();
            c.rollback();
            c.setAutoCommit(true);
            assertEquals(before, fingerprint(c, community), "the old grids and memberships, untouched");
            assertEquals("OPEN", text(c, "SELECT status FROM redistrict_draft WHERE id = " + draft));
            assertEquals("0", text(c, "SELECT count(*) FROM grid_lineage"));
            assertEquals("0", text(c, "SELECT count(*) FROM grid WHERE valid_to IS NOT NULL"), "no grid was ended");
        }

        ServerProcess b = ServerProcess.start(url, env);
        try (b; Connection c = DriverManager.getConnection(url, pg.user(), pg.password())) {
            Api api = new Api(b.uri());
            String token = api.login("street");
            JsonNode now = api.get("/api/redistricting/drafts/" + draft, token).json();
            Api.Response published = api.postJson("/api/redistricting/drafts/" + draft + "/publish", token, "{}",
                    "If-Match", "\"" + now.get("version").asInt() + "\"");
            assertEquals(200, published.status(), published.toString());
            assertNotEquals(before, fingerprint(c, community), "the new grids are in");
            assertTrue(Long.parseLong(text(c, "SELECT count(*) FROM grid WHERE valid_to IS NOT NULL")) > 0);
        }
    }
}

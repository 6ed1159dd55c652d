package org.gridmap.foundation;

import io.micronaut.context.ApplicationContext;
import org.flywaydb.core.Flyway;
import org.gridmap.testsupport.PostgisTest;
import org.gridmap.testsupport.TestPostgis;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new database and one built by the November 2026 migrations (V1–V9, kept as they were in test resources
 * db/legacy) and then upgraded by the service end with the same schema: pg_dump --schema-only of the two is equal.
 * The upgraded one keeps its rows, and what the upgrade derives from them (a closed ticket is not open).
 */
class MigrationsTest {

    @Test
    void aNewDatabaseAndOneUpgradedFromV9HaveTheSameSchema() throws Exception {
        upgradedMatchesNew("t_migrations_v9", 9, "classpath:db/legacy");
    }

    /** A database that ran main of 1 December 2026, with the first hardening as V10 (since folded into V10__schema). */
    @Test
    void oneUpgradedFromTheFirstHardeningToo() throws Exception {
        upgradedMatchesNew("t_migrations_v10h", 10, "classpath:db/legacy", "classpath:db/legacy10");
    }

    private void upgradedMatchesNew(String name, int atVersion, String... legacyLocations) throws Exception {
        TestPostgis pg = TestPostgis.get();
        String fresh = pg.newDatabase(name + "_fresh");
        String legacy = pg.newDatabase(name);

        Flyway.configure().dataSource(legacy, pg.user(), pg.password()).locations(legacyLocations).load()
                .migrate();
        try (Connection c = DriverManager.getConnection(legacy, pg.user(), pg.password());
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT max(version::numeric) FROM flyway_schema_history")) {
                rs.next();
                assertEquals(atVersion, rs.getInt(1), "the legacy database is at V" + atVersion);
            }
            st.execute("INSERT INTO admin_area (code, name, level) VALUES ('220802', '区', 'COUNTY')");
            st.execute("INSERT INTO admin_area (code, name, level, parent_code) VALUES ('220802001', '街道', 'STREET', "
                    + "'220802')");
            st.execute("INSERT INTO admin_area (code, name, level, parent_code, geom) VALUES ('220802001001', '社区', "
                    + "'COMMUNITY', '220802001', ST_Multi(ST_MakeEnvelope(122.80, 45.60, 122.81, 45.61, 4326)))");
            st.execute("INSERT INTO grid (grid_code, name, community_code, geom) VALUES ('220802001001001', '网格', "
                    + "'220802001001', ST_Multi(ST_MakeEnvelope(122.80, 45.60, 122.81, 45.61, 4326)))");
            st.execute("INSERT INTO ticket (number, source, category_code, description, geom, grid_code, "
                    + "community_code, street_code, district_code, routing, boundary_m, needs_confirmation, "
                    + "department, status, due_at, created_by) VALUES ('2026-000001', 'WEB', 'FLOOD', '积水', "
                    + "ST_SetSRID(ST_MakePoint(122.805, 45.605), 4326), '220802001001001', '220802001001', "
                    + "'220802001', '220802', 'INSIDE', 10, false, '防汛办', 'CLOSED', now(), 'test')");
        }

        migrateAsTheServiceDoes(fresh, pg);
        migrateAsTheServiceDoes(legacy, pg);

        String a = schema(fresh, pg);
        String b = schema(legacy, pg);
        assertTrue(a.contains("CREATE TABLE public.ticket_status") && a.contains("FUNCTION public.gm_risk_rule"),
                "the dump holds the schema");
        if (!a.equals(b)) {
            List<String> la = a.lines().toList();
            List<String> lb = b.lines().toList();
            List<String> onlyFresh = new ArrayList<>(la);
            onlyFresh.removeAll(lb);
            List<String> onlyLegacy = new ArrayList<>(lb);
            onlyLegacy.removeAll(la);
            throw new AssertionError("schemas differ; only in the new database: " + onlyFresh
                    + "; only in the upgraded one: " + onlyLegacy);
        }
        try (Connection c = DriverManager.getConnection(legacy, pg.user(), pg.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT open FROM ticket WHERE number = '2026-000001'")) {
            assertTrue(rs.next());
            assertFalse(rs.getBoolean(1), "a closed ticket is not open after the upgrade");
        }
    }

    /** Starts the service's application context on the database (Flyway migrates as the DataSource is made). */
    static void migrateAsTheServiceDoes(String url, TestPostgis pg) {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("datasources.default.url", url,
                "datasources.default.username", pg.user(), "datasources.default.password", pg.password(),
                "micronaut.security.token.jwt.signatures.secret.generator.secret", PostgisTest.JWT_SECRET,
                "micronaut.server.port", "-1", "gridmap.tickets.escalation-enabled", "false"))) {
            ctx.getBean(DataSource.class);
        }
    }

    /** pg_dump --schema-only, without the lines that differ by run (header, restrict keys). */
    static String schema(String jdbcUrl, TestPostgis pg) throws IOException, InterruptedException, SQLException {
        URI u = URI.create(jdbcUrl.substring("jdbc:".length()));
        ProcessBuilder b = new ProcessBuilder("pg_dump", "--schema-only", "--no-owner", "--no-privileges", "-h",
                u.getHost(), "-p", String.valueOf(u.getPort()), "-U", pg.user(), u.getPath().substring(1));
        b.environment().put("PGPASSWORD", pg.password() == null ? "" : pg.password());
        b.redirectErrorStream(true);
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        StringBuilder kept = new StringBuilder();
        for (String line : out.lines().toList()) {
            if (line.startsWith("-- Dumped") || line.startsWith("\\restrict") || line.startsWith("\\unrestrict")) {
                continue;
            }
            kept.append(line).append('\n');
        }
        return kept.toString();
    }
}

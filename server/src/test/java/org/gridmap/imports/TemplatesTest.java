package org.gridmap.imports;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.gridmap.security.PasswordHasher;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.PostgisTest;
import org.gridmap.testsupport.Sql;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented templates (gis-data/templates) import cleanly, and the README documents every field. */
@MicronautTest(transactional = false)
class TemplatesTest extends PostgisTest {
    @Inject
    EmbeddedServer server;
    @Inject
    DataSource ds;

    static byte[] template(String name) throws Exception {
        try (InputStream in = TemplatesTest.class.getResourceAsStream("/gisdata/templates/" + name)) {
            assertNotNull(in, "template " + name);
            return in.readAllBytes();
        }
    }

    @Test
    void everyTemplateImportsInOrder() throws Exception {
        Sql.exec(ds, "INSERT INTO app_user (username, password_hash, display_name, role) VALUES ('admin', '"
                + PasswordHasher.hash("pw-123456") + "', 'a', 'ADMIN')");
        Api api = new Api(server.getURI());
        String token = api.login("admin", "pw-123456");
        for (String[] t : List.of(new String[] {"areas", "areas.geojson"}, new String[] {"grids", "grids.geojson"},
                new String[] {"buildings", "buildings.geojson"}, new String[] {"households", "households.csv"},
                new String[] {"flood_zones", "flood_zones.geojson"},
                new String[] {"recorded_inundation", "recorded_inundation.csv"},
                new String[] {"shelters", "shelters.csv"}, new String[] {"stewards", "stewards.csv"})) {
            Api.Response r = api.importFile(token, t[1], template(t[1]), Api.form("kind", t[0]));
            assertEquals(201, r.status(), t[1] + ": " + r);
            assertTrue(r.json().get("counts").get("rows").asInt() > 0);
        }
        assertEquals(3, Sql.count(ds, "SELECT count(*) FROM household"));
        assertEquals(6, Sql.count(ds, "SELECT count(*) FROM steward"));
    }

    @Test
    void theReadmeDocumentsEveryField() throws Exception {
        String readme = new String(template("README.md"), StandardCharsets.UTF_8);
        for (ImportKind k : ImportKind.values()) {
            assertTrue(readme.contains("**" + k.apiName() + "**"), "section for " + k.apiName());
            for (Field f : k.fields()) {
                assertTrue(readme.contains("`" + f.name() + "`"), k.apiName() + "." + f.name() + " is documented");
            }
        }
    }
}

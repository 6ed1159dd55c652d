package org.gridmap.testsupport;

import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Base of tests that start the application: a database of the class's own on the shared test PostGIS.
 * Subclasses are {@code @MicronautTest(transactional = false)} so the server's threads see committed rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PostgisTest implements TestPropertyProvider {
    public static final String JWT_SECRET = "gridmap-test-secret-0123456789-abcdefghij";

    protected String databaseName() {
        return "t_" + getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** Extra properties for one test class. */
    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    @Override
    public Map<String, String> getProperties() {
        TestPostgis pg = TestPostgis.get();
        Map<String, String> p = new HashMap<>();
        p.put("datasources.default.url", pg.newDatabase(databaseName()));
        p.put("datasources.default.username", pg.user());
        p.put("datasources.default.password", pg.password());
        p.put("micronaut.security.token.jwt.signatures.secret.generator.secret", JWT_SECRET);
        try {
            p.put("gridmap.imports.work-dir", Files.createTempDirectory("gridmap-test-imports-").toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        p.put("micronaut.server.port", "-1");
        p.putAll(extraProperties());
        return p;
    }
}

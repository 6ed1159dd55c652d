package org.gridmap.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.naming.NameUtils;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.PostgisTest;
import org.gridmap.testsupport.Sql;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Configuration (issue 10): docs/configuration.md lists exactly the keys the configuration records read, each with
 * the default the record gives; a misspelt key is reported; a value out of range stops the start; the deployment
 * (district, name, contact, start view) comes from configuration and from the data, not from the code.
 */
@MicronautTest(transactional = false)
class ConfigurationTest extends PostgisTest {
    @Inject
    ApplicationContext ctx;
    @Inject
    ConfigurationCheck check;
    @Inject
    EmbeddedServer server;
    @Inject
    DataSource ds;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("gridmap.coverage.urban-max-household", "450", // a typo: the key is urban-max-households
                "gridmap.deployment.name", "测试区", "gridmap.deployment.contact", "测试区网格中心 · 12345");
    }

    @Test
    void aMisspeltKeyIsReported() {
        assertEquals(List.of("gridmap.coverage.urban-max-household"), check.unknown());
    }

    @Test
    void theDocsListEveryKeyWithTheDefaultTheCodeGives() throws Exception {
        Map<String, String> documented = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^\\| `(gridmap\\.[a-z0-9.-]+)` \\| (`([^`]*)`|empty) \\|")
                .matcher(Files.readString(docs("configuration.md")));
        while (m.find()) {
            documented.put(m.group(1), m.group(3) == null ? "" : m.group(3));
        }
        Map<String, String> code = new TreeMap<>();
        for (String key : ConfigurationCheck.knownKeys(ctx)) {
            code.put(key, null);
        }
        for (var d : ctx.getAllBeanDefinitions()) {
            ConfigurationProperties cp = d.getBeanType().getAnnotation(ConfigurationProperties.class);
            if (cp == null || !d.getBeanType().isRecord() || !cp.value().startsWith("gridmap")) {
                continue;
            }
            // @Bindable lands on the canonical constructor's parameters (its target), not on the components
            var components = d.getBeanType().getRecordComponents();
            var parameters = d.getBeanType().getDeclaredConstructor(java.util.Arrays.stream(components)
                    .map(java.lang.reflect.RecordComponent::getType).toArray(Class[]::new)).getParameters();
            for (int k = 0; k < components.length; k++) {
                Bindable b = parameters[k].getAnnotation(Bindable.class);
                code.put(cp.value() + "." + NameUtils.hyphenate(components[k].getName()),
                        b == null ? "" : b.defaultValue());
            }
        }
        assertTrue(code.size() >= 40, "the records were found: " + code.keySet());
        assertEquals(code.keySet(), documented.keySet(), "docs/configuration.md and the configuration records");
        assertEquals(code, documented, "the defaults in docs/configuration.md and in the records' @Bindable");
    }

    @Test
    void aValueOutOfRangeStopsTheStartAndNamesTheSetting() {
        for (Map.Entry<String, String> bad : Map.of("gridmap.coverage.urban-min-households", "-5",
                "gridmap.coverage.urban-max-households", "200", "gridmap.service-envelope.min-lon", "140").entrySet()) {
            Map<String, Object> p = new HashMap<>();
            for (String k : List.of("datasources.default.url", "datasources.default.username",
                    "datasources.default.password", "micronaut.security.token.jwt.signatures.secret.generator.secret")) {
                p.put(k, ctx.getProperty(k, String.class).orElse(""));
            }
            p.put("micronaut.server.port", "-1");
            p.put("gridmap.tickets.escalation-enabled", "false");
            p.put(bad.getKey(), bad.getValue());
            Exception e = assertThrows(Exception.class, () -> {
                try (ApplicationContext c = ApplicationContext.builder().properties(p).deduceEnvironment(false).start()) {
                    c.getBean(org.gridmap.coverage.CoverageConfig.class);
                    c.getBean(ServiceEnvelope.class);
                }
            }, bad + " must stop the start");
            String said = messages(e);
            String setting = bad.getKey().substring(bad.getKey().lastIndexOf('.') + 1);
            assertTrue(said.contains(setting) || said.contains(NameUtils.camelCase(setting))
                    || said.contains(bad.getKey().substring(0, bad.getKey().lastIndexOf('.'))), bad + ": " + said);
        }
    }

    @Test
    void theDeploymentComesFromConfigurationAndFromTheData() {
        Api api = new Api(server.getURI());
        Api.Response before = api.get("/config.json", null);
        assertEquals(200, before.status());
        assertTrue(before.body().contains("\"district_code\":null"), before.body());
        assertTrue(before.body().contains("\"district_name\":\"测试区\""), "configured name: " + before.body());
        // No area loaded: the start view is the middle of the service envelope (China by default).
        double[] mid = centre(before.body());
        assertEquals(35.85, mid[0], 1e-9, before.body());
        assertEquals(104.25, mid[1], 1e-9, before.body());

        Sql.exec(ds, "INSERT INTO admin_area (code, name, level, kind, geom) VALUES ('110101', '某某区', 'COUNTY', "
                + "'URBAN', ST_Multi(ST_GeomFromText('POLYGON((116.38 39.90, 116.44 39.90, 116.44 39.95, 116.38 39.95, "
                + "116.38 39.90))', 4326)))");
        Api.Response after = api.get("/config.json", null);
        assertTrue(after.body().contains("\"district_code\":\"110101\""), "the county area in the data: " + after.body());
        double[] c = centre(after.body());
        assertTrue(c[0] > 39.90 && c[0] < 39.95 && c[1] > 116.38 && c[1] < 116.44, "a point inside the district: "
                + after.body());

        Api.Response discovery = api.get("/open311/v2/discovery.json", null);
        assertTrue(discovery.body().contains("测试区网格中心 · 12345"), discovery.body());
        assertEquals(200, api.get("/open311/v2/services.json?jurisdiction_id=110101", null).status(),
                "the district code is the jurisdiction id");
        Api.Response other = api.get("/open311/v2/services.json?jurisdiction_id=220802", null);
        assertEquals(404, other.status(), other.body());
        assertNotNull(other.contentType());
    }

    /** The map's start view from /config.json: {lat, lon}. */
    private static double[] centre(String body) {
        Matcher c = Pattern.compile("\"center\":\\[([0-9.eE-]+),([0-9.eE-]+)]").matcher(body);
        assertTrue(c.find(), body);
        return new double[] {Double.parseDouble(c.group(1)), Double.parseDouble(c.group(2))};
    }

    private static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t.getMessage()).append(" | ");
        }
        return b.toString();
    }

    static Path docs(String name) {
        for (Path p : List.of(Path.of("..", "docs", name), Path.of("docs", name))) {
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new AssertionError("docs/" + name + " not found");
    }
}

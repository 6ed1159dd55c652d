package org.gridmap.imports;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.gridmap.security.PasswordHasher;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.Files2;
import org.gridmap.testsupport.PostgisTest;
import org.gridmap.testsupport.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.gridmap.testsupport.Files2.fc;
import static org.gridmap.testsupport.Files2.rect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broken, hostile and mislabelled inputs. Each must answer a 4xx problem+json that names the problem, store
 * nothing anywhere, and leave the service healthy.
 */
@MicronautTest(transactional = false)
class MalformedInputTest extends PostgisTest {
    static final Charset GBK = Charset.forName("GBK");
    static final List<String> TABLES = List.of("admin_area", "grid", "building", "household", "steward",
            "flood_scenario", "flood_zone", "recorded_inundation", "shelter");

    @Inject
    EmbeddedServer server;
    @Inject
    DataSource ds;

    Api api;
    String token;
    Map<String, Long> before;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("gridmap.imports.max-unzipped-bytes", "5000000",
                "micronaut.server.max-request-size", "40000000",
                "micronaut.server.multipart.max-file-size", "40000000");
    }

    record Case(String name, String fileName, byte[] content, Map<String, String> form, int status, String mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void setUp() {
        Sql.exec(ds, "INSERT INTO app_user (username, password_hash, display_name, role, area_code) VALUES "
                + "('importer', '" + PasswordHasher.hash("secret-1") + "', 'x', 'ADMIN', '')");
        Sql.exec(ds, "INSERT INTO admin_area (code, name, level) VALUES ('220802', '洮北区', 'COUNTY')");
        Sql.exec(ds, "INSERT INTO admin_area (code, name, level, parent_code) VALUES ('220802001', '海明街道', 'STREET', "
                + "'220802')");
        Sql.exec(ds, "INSERT INTO admin_area (code, name, level, parent_code, geom) VALUES ('220802001001', '民生社区', "
                + "'COMMUNITY', '220802001', ST_Multi(ST_MakeEnvelope(122.80, 45.60, 122.81, 45.61, 4326)))");
        Sql.exec(ds, "INSERT INTO building (building_id, floors, structure, geom) VALUES ('B-1', 5, 'FRAME', "
                + "ST_Multi(ST_MakeEnvelope(122.801, 45.601, 122.8012, 45.6012, 4326)))");
        api = new Api(server.getURI());
        token = api.login("importer", "secret-1");
        before = counts();
    }

    Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String t : TABLES) {
            m.put(t, Sql.count(ds, "SELECT count(*) FROM " + t));
        }
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithAProblemAndStoresNothing(Case c) {
        long t0 = System.nanoTime();
        Api.Response r = c.content() != null && c.content().length > 30_000_000
                ? api.importFileWithCurl(token, c.fileName(), c.content(), c.form())
                : api.importFile(token, c.fileName(), c.content(), c.form());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(c.status(), r.status(), r.toString());
        assertTrue(r.isProblem(), "problem+json: " + r);
        var json = r.json();
        assertTrue(json.has("type") && json.has("title") && json.has("detail"), r.toString());
        String all = r.body();
        assertTrue(all.toLowerCase().contains(c.mentions().toLowerCase()), "names the problem ('" + c.mentions()
                + "'): " + r);
        assertFalse(all.contains("at org.") || all.contains("Exception") || all.contains("SQLState")
                || all.contains("ERROR:"), "no stack traces or SQL: " + r);
        assertTrue(seconds < 20, "answered in " + seconds + " s");
        assertEquals(before, counts(), "nothing stored");
    }

    @AfterAll
    void stillHealthy() {
        Api.Response h = api.get("/health", null);
        assertEquals(200, h.status(), h.toString());
        assertTrue(h.body().contains("\"UP\""));
        assertEquals(before, counts());
    }

    static Case gj(String name, String geojson, int status, String mentions, String... form) {
        return new Case(name, "f.geojson", geojson.getBytes(StandardCharsets.UTF_8), form("buildings", form), status,
                mentions);
    }

    static Map<String, String> form(String kind, String... more) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", kind);
        for (int k = 0; k < more.length; k += 2) {
            m.put(more[k], more[k + 1]);
        }
        return m;
    }

    static String feature(String geometry) {
        return fc("{\"type\":\"Feature\",\"properties\":{\"building_id\":\"X-1\",\"floors\":2,\"structure\":\"砖混\"},"
                + "\"geometry\":" + geometry + "}");
    }

    static final String PROPS = "\"building_id\":\"X-1\",\"floors\":2,\"structure\":\"砖混\"";

    static Stream<Case> cases() throws IOException {
        List<Case> cs = new ArrayList<>();
        // --- geometry problems
        cs.add(gj("unclosed ring", feature("{\"type\":\"Polygon\",\"coordinates\":[[[122.801,45.601],[122.802,45.601],"
                + "[122.802,45.602],[122.801,45.602]]]}"), 422, "closed"));
        cs.add(gj("self-intersection", feature("{\"type\":\"Polygon\",\"coordinates\":[[[122.801,45.601],"
                + "[122.802,45.602],[122.802,45.601],[122.801,45.602],[122.801,45.601]]]}"), 422, "Self-intersection"));
        cs.add(gj("NaN literal", feature("{\"type\":\"Point\",\"coordinates\":[NaN,45.6]}"), 422, "not valid JSON"));
        cs.add(gj("coordinates as strings", feature("{\"type\":\"Polygon\",\"coordinates\":[[[\"NaN\",\"NaN\"],"
                + "[\"a\",\"b\"],[\"c\",\"d\"],[\"NaN\",\"NaN\"]]]}"), 422, "geometry"));
        cs.add(gj("longitude out of range", fc(rect(200.0, 45.601, 200.001, 45.602, PROPS)), 422, "out of range"));
        cs.add(gj("lat/lon swapped", fc(rect(45.601, 122.801, 45.602, 122.802, PROPS)), 422, "swapped"));
        cs.add(gj("projected metres in a 4326 file", fc(rect(484000.0, 5052000.0, 484020.0, 5052020.0, PROPS)), 422,
                "metres"));
        cs.add(gj("empty geometry", feature("{\"type\":\"Polygon\",\"coordinates\":[]}"), 422, "empty"));
        cs.add(gj("deep nesting", feature("{\"type\":\"Polygon\",\"coordinates\":" + "[".repeat(5000)
                + "]".repeat(5000) + "}"), 422, "nesting"));
        cs.add(gj("2,000,000-vertex polygon", hugePolygon(2_000_000), 413, "vertices"));
        cs.add(gj("outside the service envelope (Beijing)", fc(rect(116.40, 39.90, 116.401, 39.901, PROPS)), 422,
                "service envelope"));
        cs.add(gj("LineString for a building", feature("{\"type\":\"LineString\",\"coordinates\":[[122.801,45.601],"
                + "[122.802,45.602]]}"), 422, "Polygon or MultiPolygon"));
        cs.add(gj("ring of three points", feature("{\"type\":\"Polygon\",\"coordinates\":[[[122.801,45.601],"
                + "[122.802,45.601],[122.801,45.601]]]}"), 422, "geometry"));
        cs.add(gj("hole outside its shell", feature("{\"type\":\"Polygon\",\"coordinates\":[[[122.801,45.601],"
                + "[122.802,45.601],[122.802,45.602],[122.801,45.602],[122.801,45.601]],[[122.803,45.603],"
                + "[122.804,45.603],[122.804,45.604],[122.803,45.604],[122.803,45.603]]]}"), 422, "Hole"));
        cs.add(gj("GeometryCollection", feature("{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":"
                + "\"Point\",\"coordinates\":[122.801,45.601]}]}"), 422, "Polygon or MultiPolygon"));
        cs.add(gj("degrees declared as EPSG:4550", fc(rect(122.801, 45.601, 122.802, 45.602, PROPS)), 422, "degrees",
                "crs", "EPSG:4550"));
        cs.add(gj("zone-prefixed eastings declared as EPSG:4550", fc(rect(41484000.0, 5052000.0, 41484020.0,
                5052020.0, PROPS)), 422, "4529", "crs", "EPSG:4550"));
        // --- attribute problems
        cs.add(gj("missing building_id column", fc(rect(122.801, 45.601, 122.802, 45.602,
                "\"floors\":2,\"structure\":\"砖混\"")), 422, "building_id"));
        cs.add(gj("floors not a number", fc(rect(122.801, 45.601, 122.802, 45.602,
                "\"building_id\":\"X-1\",\"floors\":\"abc\",\"structure\":\"砖混\"")), 422, "whole number"));
        cs.add(gj("floors zero", fc(rect(122.801, 45.601, 122.802, 45.602,
                "\"building_id\":\"X-1\",\"floors\":0,\"structure\":\"砖混\"")), 422, "outside 1–200"));
        cs.add(gj("duplicate building_id", fc(rect(122.801, 45.601, 122.802, 45.602, PROPS),
                rect(122.803, 45.603, 122.804, 45.604, PROPS)), 422, "appears again"));
        cs.add(gj("safety grade E", fc(rect(122.801, 45.601, 122.802, 45.602, PROPS + ",\"safety_grade\":\"E\"")), 422,
                "safety_grade"));
        cs.add(gj("unknown structure", fc(rect(122.801, 45.601, 122.802, 45.602,
                "\"building_id\":\"X-1\",\"floors\":2,\"structure\":\"木屋\"")), 422, "structure"));
        // --- file problems
        cs.add(gj("truncated JSON", fc(rect(122.801, 45.601, 122.802, 45.602, PROPS)).substring(0, 80), 422,
                "not valid JSON"));
        cs.add(gj("JSON array at the top", "[1,2,3]", 422, "GeoJSON object"));
        cs.add(gj("unsupported CRS member", "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":"
                + "{\"name\":\"EPSG:3857\"}},\"features\":[]}", 422, "not supported"));
        cs.add(gj("empty FeatureCollection", fc(), 422, "no features"));
        cs.add(gj("feature of an unknown type", fc("{\"type\":\"Foo\",\"properties\":{" + PROPS + "},\"geometry\":"
                + "null}"), 422, "Feature"));
        cs.add(gj("unsupported crs parameter", fc(rect(122.801, 45.601, 122.802, 45.602, PROPS)), 422,
                "not supported", "crs", "EPSG:9999"));
        // --- archives and Shapefiles
        byte[] goodShp = Files2.shapefileZip(fc(rect(122.801, 45.601, 122.802, 45.602,
                "\"building_id\":\"X-1\",\"floors\":2,\"structure\":\"砖混\",\"address\":\"海明路一号\"")), "GBK", null,
                true);
        cs.add(new Case("zip with ../ entries", "evil.zip", zip(Map.of("../../etc/evil.shp", new byte[] {1, 2, 3})),
                form("buildings"), 422, "outside the archive"));
        cs.add(new Case("zip with an absolute path", "evil.zip", zip(Map.of("/tmp/evil.shp", new byte[] {1})),
                form("buildings"), 422, "outside the archive"));
        cs.add(new Case("Shapefile without .dbf and .shx", "part.zip", keepOnly(goodShp, ".shp", ".prj"),
                form("buildings"), 422, "incomplete"));
        cs.add(new Case("corrupt zip", "bad.zip", concat("PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1),
                new byte[200]), form("buildings"), 422, "zip"));
        cs.add(new Case("zip bomb", "bomb.zip", zip(Map.of("bomb.shp", new byte[20_000_000])), form("buildings"), 413,
                "unpacks to more"));
        cs.add(new Case(".cpg says UTF-8 but the text is GBK", "mislabelled.zip", replaceEntry(goodShp, ".cpg",
                "UTF-8".getBytes(StandardCharsets.US_ASCII)), form("buildings"), 422, "not valid UTF-8"));
        cs.add(new Case("truncated .shp", "trunc.zip", truncateEntry(goodShp, ".shp", 60), form("buildings"), 422,
                "Shapefile"));
        // --- GeoPackages
        byte[] gpkg = Files2.geopackage(fc(rect(122.801, 45.601, 122.802, 45.602, PROPS)), null);
        cs.add(new Case("truncated GeoPackage", "t.gpkg", Arrays.copyOf(gpkg, 4096), form("buildings"), 422,
                "GeoPackage"));
        cs.add(new Case("SQLite header, garbage after", "g.gpkg", concat("SQLite format 3\0".getBytes(
                StandardCharsets.US_ASCII), new byte[3000]), form("buildings"), 422, "GeoPackage"));
        // --- CSV
        cs.add(new Case("CSV with an unterminated quote", "h.csv", ("household_id,building_id,floor,members\n"
                + "H-1,\"B-1,1,2\n").getBytes(StandardCharsets.UTF_8), form("households"), 422, "CSV"));
        cs.add(new Case("CSV row with too many values", "h.csv", ("household_id,building_id,floor,members\n"
                + "H-1,B-1,1,2,9,9\n").getBytes(StandardCharsets.UTF_8), form("households"), 422, "values"));
        cs.add(new Case("CSV declared UTF-8 but saved as GBK", "h.csv", ("household_id,building_id,floor,members,"
                + "contact_name\nH-1,B-1,1,2,张三\n").getBytes(GBK), form("households", "encoding", "UTF-8"), 422,
                "not valid UTF-8"));
        cs.add(new Case("ID number with a wrong check digit", "h.csv", ("household_id,building_id,floor,members,"
                + "id_number\nH-1,B-1,1,2,220802195001011236\n").getBytes(StandardCharsets.UTF_8), form("households"),
                422, "check digit"));
        cs.add(new Case("household of a building that does not exist", "h.csv", ("household_id,building_id,floor,"
                + "members\nH-1,NOPE,1,2\n").getBytes(StandardCharsets.UTF_8), form("households"), 422,
                "does not exist"));
        cs.add(new Case("more elderly than members", "h.csv", ("household_id,building_id,floor,members,elderly\n"
                + "H-1,B-1,1,2,3\n").getBytes(StandardCharsets.UTF_8), form("households"), 422, "more than members"));
        // --- requests
        cs.add(new Case("binary file (PNG)", "map.png", concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10,
                0, 0, 0, 13}, new byte[100]), form("buildings"), 415, "not GeoJSON"));
        cs.add(new Case("empty file", "e.geojson", new byte[0], form("buildings"), 422, "empty"));
        cs.add(new Case("unknown kind", "f.geojson", fc().getBytes(StandardCharsets.UTF_8), form("pets"), 400,
                "kind"));
        cs.add(new Case("no file part", null, null, form("buildings"), 400, "file"));
        cs.add(new Case("repair is not a boolean", "f.geojson", fc().getBytes(StandardCharsets.UTF_8),
                form("buildings", "repair", "maybe"), 400, "repair"));
        cs.add(new Case("body over the size limit", "big.geojson", new byte[41_000_000], form("buildings"), 413,
                "large"));
        return cs.stream();
    }

    static String hugePolygon(int vertices) {
        StringBuilder b = new StringBuilder(vertices * 24);
        b.append("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{").append(PROPS)
                .append("},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
        for (int k = 0; k < vertices; k++) {
            double a = 2 * Math.PI * k / vertices;
            b.append('[').append(String.format("%.3f", 122.805 + 0.001 * Math.cos(a))).append(',')
                    .append(String.format("%.3f", 45.605 + 0.001 * Math.sin(a))).append("],");
        }
        b.append("[122.806,45.605]]]}}]}");
        return b.toString();
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                m.put(e.getName(), z.readAllBytes());
            }
        }
        return m;
    }

    static byte[] keepOnly(byte[] zip, String... exts) throws IOException {
        Map<String, byte[]> m = unzip(zip);
        m.keySet().removeIf(k -> Arrays.stream(exts).noneMatch(k::endsWith));
        return zip(m);
    }

    static byte[] replaceEntry(byte[] zip, String ext, byte[] content) throws IOException {
        Map<String, byte[]> m = unzip(zip);
        m.replaceAll((k, v) -> k.endsWith(ext) ? content : v);
        return zip(m);
    }

    static byte[] truncateEntry(byte[] zip, String ext, int length) throws IOException {
        Map<String, byte[]> m = unzip(zip);
        m.replaceAll((k, v) -> k.endsWith(ext) ? Arrays.copyOf(v, Math.min(length, v.length)) : v);
        return zip(m);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

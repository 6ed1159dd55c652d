package org.gridmap.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.gridmap.security.PasswordHasher;
import org.gridmap.support.ProblemTypes;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.Files2;
import org.gridmap.testsupport.Mvt;
import org.gridmap.testsupport.PostgisTest;
import org.gridmap.testsupport.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;

import javax.sql.DataSource;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.gridmap.imports.BrokenFiles.dbfDelete;
import static org.gridmap.imports.BrokenFiles.dbfFlag;
import static org.gridmap.imports.BrokenFiles.dbfKeep;
import static org.gridmap.imports.BrokenFiles.dbfLanguageDriver;
import static org.gridmap.imports.BrokenFiles.dbfRecordCount;
import static org.gridmap.imports.BrokenFiles.dbfRecordLengthSays;
import static org.gridmap.imports.BrokenFiles.edit;
import static org.gridmap.imports.BrokenFiles.gpkg;
import static org.gridmap.imports.BrokenFiles.idNumber;
import static org.gridmap.testsupport.Files2.fc;
import static org.gridmap.testsupport.Files2.point;
import static org.gridmap.testsupport.Files2.rect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broken, hostile and mislabelled inputs, one table per import format (GeoJSON, GeoPackage, Shapefile, CSV) and one
 * for the request itself, reasoned by family: what does not parse, what parses but is structurally wrong (empty
 * rings, x/y/z/m positions, a key given twice), what is well-formed but breaks a rule (invalid geometry, a value out
 * of range, a household contradicting itself or its building, an object far outside the district), what a file's
 * own bookkeeping contradicts (.shp/.shx/.dbf counts and lengths, GeoPackage registrations), and what is mislabelled
 * (encodings, datums). Each case must answer the documented 4xx problem+json naming the problem, store nothing
 * anywhere, and leave the service healthy: afterwards the grid panel, the coverage findings and the tiles still
 * answer, and no import job is left QUEUED or RUNNING.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MalformedInputTest extends PostgisTest {
    static final Charset GBK = Charset.forName("GBK");
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> TABLES = List.of("admin_area", "grid", "building", "household", "steward",
            "flood_scenario", "flood_zone", "recorded_inundation", "shelter", "coverage_finding");
    static final String GRID = "220802001001001";

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

    /** One malformed input: the file, the form, the documented status, and a word the answer must contain. */
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
        Sql.exec(ds, "INSERT INTO admin_area (code, name, level, geom) VALUES ('220802', '洮北区', 'COUNTY', "
                + "ST_Multi(ST_MakeEnvelope(122.79, 45.59, 122.83, 45.62, 4326)))");
        Sql.exec(ds, "INSERT INTO admin_area (code, name, level, parent_code) VALUES ('220802001', '海明街道', 'STREET', "
                + "'220802')");
        Sql.exec(ds, "INSERT INTO admin_area (code, name, level, parent_code, geom) VALUES ('220802001001', '民生社区', "
                + "'COMMUNITY', '220802001', ST_Multi(ST_MakeEnvelope(122.80, 45.60, 122.81, 45.61, 4326)))");
        Sql.exec(ds, "INSERT INTO admin_area (code, name, level, parent_code, geom) VALUES ('220802001002', '新华社区', "
                + "'COMMUNITY', '220802001', ST_Multi(ST_MakeEnvelope(122.81, 45.60, 122.82, 45.61, 4326)))");
        Sql.exec(ds, "INSERT INTO grid (grid_code, name, community_code, geom) VALUES ('" + GRID + "', '民生一网格', "
                + "'220802001001', ST_Multi(ST_MakeEnvelope(122.80, 45.60, 122.81, 45.61, 4326)))");
        Sql.exec(ds, "INSERT INTO building (building_id, floors, units, structure, geom) VALUES ('B-1', 5, 2, 'FRAME', "
                + "ST_Multi(ST_MakeEnvelope(122.801, 45.601, 122.8012, 45.6012, 4326)))");
        Sql.exec(ds, "INSERT INTO household (household_id, building_id, unit, floor, members) SELECT 'HH-1', id, 2, 3, 2 "
                + "FROM building WHERE building_id = 'B-1'");
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

    @ParameterizedTest(name = "GeoJSON: {0}")
    @MethodSource("geoJsonCases")
    @Order(1)
    void geoJson(Case c) {
        refused(c);
    }

    @ParameterizedTest(name = "GeoPackage: {0}")
    @MethodSource("geoPackageCases")
    @Order(2)
    void geoPackage(Case c) {
        refused(c);
    }

    @ParameterizedTest(name = "Shapefile: {0}")
    @MethodSource("shapefileCases")
    @Order(3)
    void shapefile(Case c) {
        refused(c);
    }

    @ParameterizedTest(name = "CSV: {0}")
    @MethodSource("csvCases")
    @Order(4)
    void csv(Case c) {
        refused(c);
    }

    @ParameterizedTest(name = "request: {0}")
    @MethodSource("requestCases")
    @Order(5)
    void request(Case c) {
        refused(c);
    }

    @Test
    @Order(6)
    void theTablesHoldOverAHundredCasesAndNoJobIsLeftRunning() throws Exception {
        long n = geoJsonCases().count() + geoPackageCases().count() + shapefileCases().count() + csvCases().count()
                + requestCases().count();
        assertTrue(n >= 100, "malformed cases in all: " + n);
        assertEquals(0, Sql.count(ds, "SELECT count(*) FROM import_job WHERE status IN ('QUEUED', 'RUNNING')"),
                "every refused import's job is finished");
        assertTrue(Sql.count(ds, "SELECT count(*) FROM import_job WHERE status = 'FAILED'") > 90);
    }

    void refused(Case c) {
        long t0 = System.nanoTime();
        Api.Response r = c.content() != null && c.content().length > 30_000_000
                ? api.importFileWithCurl(token, c.fileName(), c.content(), c.form())
                : api.importFile(token, c.fileName(), c.content(), c.form());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(c.status(), r.status(), r.toString());
        assertTrue(r.isProblem(), "problem+json: " + r);
        JsonNode json = r.json();
        assertTrue(json.has("type") && json.has("title") && json.has("detail"), r.toString());
        assertEquals(c.status(), json.get("status").asInt(), "the status member is the HTTP status: " + r);
        assertEquals(c.status(), ProblemTypes.status(json.get("type").asText()),
                "the type's documented status: " + r);
        String all = r.body();
        assertTrue(all.toLowerCase().contains(c.mentions().toLowerCase()), "names the problem ('" + c.mentions()
                + "'): " + r);
        assertFalse(all.contains("at org.") || all.contains("Exception") || all.contains("SQLState")
                || all.contains("ERROR:") || all.contains("java.") || all.contains("`"), "no internals: " + r);
        assertTrue(seconds < 20, "answered in " + seconds + " s");
        assertEquals(before, counts(), "nothing stored");
    }

    @AfterAll
    void stillHealthy() throws Exception {
        Api.Response h = api.get("/health", null);
        assertEquals(200, h.status(), h.toString());
        assertTrue(h.body().contains("\"UP\""));
        assertEquals(before, counts());
        // What a bad row used to break answers: the grid panel, the coverage findings (valid JSON), the tiles.
        Api.Response grid = api.get("/api/grids/" + GRID, token);
        assertEquals(200, grid.status(), grid.toString());
        Api.Response findings = api.get("/api/coverage/findings?area=220802", token);
        assertEquals(200, findings.status(), findings.toString());
        assertTrue(JSON.readTree(findings.body()).get("features").isArray(), findings.body());
        int[] t = Mvt.tileOf(14, 122.805, 45.605);
        for (String layer : List.of("grids", "coverage_findings", "admin_areas")) {
            Api.Response tile = api.get("/tiles/" + layer + "/14/" + t[0] + "/" + t[1] + ".mvt", token);
            assertTrue(tile.status() == 200 || tile.status() == 204, layer + ": " + tile.status());
            assertEquals(200, api.get("/tiles/" + layer + ".json", token).status(), layer);
        }
    }

    // ================================================================================================ GeoJSON

    static final String PROPS = "\"building_id\":\"X-1\",\"floors\":2,\"structure\":\"砖混\"";
    static final String OUTER = "[[122.801,45.601],[122.802,45.601],[122.802,45.602],[122.801,45.602],[122.801,45.601]]";

    static Case gj(String name, String geojson, int status, String mentions, String... form) {
        return gjKind("buildings", name, geojson, status, mentions, form);
    }

    static Case gjKind(String kind, String name, String geojson, int status, String mentions, String... form) {
        return new Case(name, "f.geojson", geojson.getBytes(StandardCharsets.UTF_8), form(kind, form), status,
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
        return fc("{\"type\":\"Feature\",\"properties\":{" + PROPS + "},\"geometry\":" + geometry + "}");
    }

    static String polygon(String rings) {
        return feature("{\"type\":\"Polygon\",\"coordinates\":[" + rings + "]}");
    }

    static String building(String props) {
        return fc(rect(122.801, 45.601, 122.802, 45.602, props));
    }

    static Stream<Case> geoJsonCases() {
        List<Case> cs = new ArrayList<>();
        // --- it does not parse as JSON, or not as GeoJSON
        cs.add(gj("truncated JSON", building(PROPS).substring(0, 80), 400, "not valid JSON"));
        cs.add(gj("NaN literal", feature("{\"type\":\"Point\",\"coordinates\":[NaN,45.6]}"), 400, "not valid JSON"));
        cs.add(gj("JSON array at the top", "[1,2,3]", 400, "GeoJSON object"));
        cs.add(gj("more after the top-level object", building(PROPS) + " {\"type\":\"Feature\"}", 400, "more after"));
        cs.add(gj("a crs member whose name is not a text", building(PROPS).replaceFirst("\\{",
                "{\"crs\":{\"type\":\"name\",\"properties\":{\"name\":[\"EPSG:4326\"]}},"), 400,
                "does not name a coordinate system"));
        cs.add(gj("a Geometry at the top", "{\"type\":\"Polygon\",\"coordinates\":[" + OUTER + "]}", 400,
                "FeatureCollection or a Feature"));
        cs.add(gj("features is not an array", "{\"type\":\"FeatureCollection\",\"features\":{}}", 400,
                "\\\"features\\\" array"));
        cs.add(gj("deep nesting", feature("{\"type\":\"Polygon\",\"coordinates\":" + "[".repeat(5000)
                + "]".repeat(5000) + "}"), 413, "nesting"));
        cs.add(gj("2,000,000-vertex polygon", hugePolygon(2_000_000), 413, "vertices"));
        cs.add(gj("the geometry's type key twice", fc("{\"type\":\"Feature\",\"properties\":{" + PROPS + "},"
                + "\"geometry\":{\"type\":\"Point\",\"type\":\"Polygon\",\"coordinates\":[" + OUTER + "]}}"), 400,
                "'type' twice"));
        cs.add(gj("a property key twice", fc("{\"type\":\"Feature\",\"properties\":{" + PROPS
                + ",\"floors\":9},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + OUTER + "]}}"), 400,
                "'floors' twice"));
        cs.add(gj("the features key twice", "{\"type\":\"FeatureCollection\",\"features\":[],\"features\":[]}", 400,
                "twice"));
        cs.add(gj("unsupported CRS member", "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":"
                + "{\"name\":\"EPSG:3857\"}},\"features\":[]}", 400, "not supported"));
        cs.add(gj("CRS member naming Beijing 1954", "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\","
                + "\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::4214\"}},\"features\":[]}", 400, "Beijing 1954"));
        cs.add(gj("CRS member naming Xian 1980", "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\","
                + "\"properties\":{\"name\":\"EPSG:4610\"}},\"features\":[]}", 400, "Xian 1980"));
        cs.add(gj("unsupported crs parameter", building(PROPS), 400, "not supported", "crs", "EPSG:9999"));
        // --- it parses, but the structure is not a geometry a database can hold
        cs.add(gj("empty FeatureCollection", fc(), 422, "no features"));
        cs.add(gj("feature of an unknown type", fc("{\"type\":\"Foo\",\"properties\":{" + PROPS + "},\"geometry\":"
                + "null}"), 422, "Feature"));
        cs.add(gj("a feature that is a number", fc(rect(122.801, 45.601, 122.802, 45.602, PROPS), "42"), 422,
                "Feature object"));
        cs.add(gj("properties that are an array", fc(rect(122.801, 45.601, 122.802, 45.602, PROPS),
                "{\"type\":\"Feature\",\"properties\":[1,2],\"geometry\":null}"), 422, "properties"));
        cs.add(gj("a field that is a JSON object", fc(rect(122.801, 45.601, 122.802, 45.602,
                PROPS + ",\"name\":{\"a\":\"<b>x</b>\"}")), 422, "JSON object"));
        cs.add(gj("a field that is a JSON array", fc(rect(122.801, 45.601, 122.802, 45.602,
                PROPS + ",\"address\":[\"a\",\"b\"]")), 422, "JSON array"));
        cs.add(gj("geometry that is a string", feature("\"POLYGON((1 1,2 2,2 1,1 1))\""), 422, "geometry object"));
        cs.add(gj("geometry without coordinates", feature("{\"type\":\"Polygon\"}"), 422, "coordinates"));
        cs.add(gj("geometry of an unknown type", feature("{\"type\":\"Circle\",\"coordinates\":[122.8,45.6]}"), 422,
                "'Circle'"));
        cs.add(gj("empty interior ring", polygon(OUTER + ",[]"), 422, "interior ring 1 is empty"));
        cs.add(gj("interior ring of three positions", polygon(OUTER + ",[[122.8012,45.6012],[122.8015,45.6012],"
                + "[122.8012,45.6012]]"), 422, "at least 4"));
        cs.add(gj("empty outer ring", polygon("[]"), 422, "empty"));
        cs.add(gj("ring of three positions", polygon("[[122.801,45.601],[122.802,45.601],[122.801,45.601]]"), 422,
                "at least 4"));
        cs.add(gj("unclosed ring", polygon("[[122.801,45.601],[122.802,45.601],[122.802,45.602],[122.801,45.602]]"),
                422, "not closed"));
        cs.add(gj("unclosed ring of five positions", polygon("[[122.801,45.601],[122.802,45.601],[122.802,45.602],"
                + "[122.801,45.602],[122.8011,45.601]]"), 422, "not closed"));
        cs.add(gj("empty part of a MultiPolygon", feature("{\"type\":\"MultiPolygon\",\"coordinates\":[[" + OUTER
                + "],[]]}"), 422, "part 2 of the MultiPolygon is empty"));
        cs.add(gj("empty ring in a MultiPolygon part", feature("{\"type\":\"MultiPolygon\",\"coordinates\":[[" + OUTER
                + ",[]]]}"), 422, "part 1: interior ring 1 is empty"));
        cs.add(gj("position with 4 numbers (x, y, z, m)", polygon("[[122.801,45.601,0,7],[122.802,45.601,0,7],"
                + "[122.802,45.602,0,7],[122.801,45.602,0,7],[122.801,45.601,0,7]]"), 422, "4 numbers"));
        cs.add(gj("position with 1 number", polygon("[[122.801],[122.802,45.601],[122.802,45.602],[122.801,45.602],"
                + "[122.801]]"), 422, "1 number"));
        cs.add(gj("ring mixing 2- and 3-number positions", polygon("[[122.801,45.601],[122.802,45.601,3],"
                + "[122.802,45.602],[122.801,45.602],[122.801,45.601]]"), 422, "mix 2D and 3D"));
        cs.add(gj("coordinates as strings", polygon("[[\"122.801\",\"45.601\"],[\"a\",\"b\"],[\"c\",\"d\"],"
                + "[\"122.801\",\"45.601\"]]"), 422, "other than numbers"));
        cs.add(gj("a position that is a number", polygon("[1,2,3,4]"), 422, "is not a position"));
        cs.add(gj("nested GeometryCollection", feature("{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":"
                + "\"GeometryCollection\",\"geometries\":[]}]}"), 422, "nests a GeometryCollection"));
        cs.add(gj("LineString of one position", feature("{\"type\":\"LineString\",\"coordinates\":[[122.8,45.6]]}"),
                422, "at least 2"));
        cs.add(gj("overflowing number (1e400)", polygon("[[1e400,45.601],[122.802,45.601],[122.802,45.602],"
                + "[122.801,45.602],[1e400,45.601]]"), 422, "finite"));
        // --- it is a geometry, but not one this kind takes, or not a valid one
        cs.add(gj("LineString for a building", feature("{\"type\":\"LineString\",\"coordinates\":[[122.801,45.601],"
                + "[122.802,45.602]]}"), 422, "Polygon or MultiPolygon"));
        cs.add(gj("GeometryCollection for a building", feature("{\"type\":\"GeometryCollection\",\"geometries\":"
                + "[{\"type\":\"Point\",\"coordinates\":[122.801,45.601]}]}"), 422, "Polygon or MultiPolygon"));
        cs.add(gj("empty geometry", feature("{\"type\":\"Polygon\",\"coordinates\":[]}"), 422, "empty"));
        cs.add(gj("self-intersection", polygon("[[122.801,45.601],[122.802,45.602],[122.802,45.601],[122.801,45.602],"
                + "[122.801,45.601]]"), 422, "Self-intersection"));
        cs.add(gj("hole outside its shell", polygon(OUTER + ",[[122.803,45.603],[122.804,45.603],[122.804,45.604],"
                + "[122.803,45.604],[122.803,45.603]]"), 422, "Hole"));
        cs.add(gj("zero-area ring (collinear points)", polygon("[[122.801,45.601],[122.802,45.601],[122.803,45.601],"
                + "[122.801,45.601]]"), 422, "geometry"));
        cs.add(gj("overlapping MultiPolygon parts", feature("{\"type\":\"MultiPolygon\",\"coordinates\":[[" + OUTER
                + "],[[[122.8015,45.6015],[122.803,45.6015],[122.803,45.603],[122.8015,45.603],[122.8015,45.6015]]]]}"),
                422, "not valid"));
        // --- coordinates that cannot be where the file says
        cs.add(gj("longitude out of range", fc(rect(200.0, 45.601, 200.001, 45.602, PROPS)), 422, "out of range"));
        cs.add(gj("lat/lon swapped", fc(rect(45.601, 122.801, 45.602, 122.802, PROPS)), 422, "swapped"));
        cs.add(gj("projected metres in a 4326 file", fc(rect(484000.0, 5052000.0, 484020.0, 5052020.0, PROPS)), 422,
                "metres"));
        cs.add(gj("degrees declared as EPSG:4550", building(PROPS), 422, "degrees", "crs", "EPSG:4550"));
        cs.add(gj("zone-prefixed eastings declared as EPSG:4550", fc(rect(41484000.0, 5052000.0, 41484020.0,
                5052020.0, PROPS)), 422, "4529", "crs", "EPSG:4550"));
        cs.add(gj("outside the service envelope (Tokyo: outside China, the default envelope)",
                fc(rect(139.69, 35.68, 139.691, 35.681, PROPS)), 422, "service envelope"));
        cs.add(gj("in China but far from the district (Beijing)", fc(rect(116.40, 39.90, 116.401, 39.901, PROPS)), 422,
                "outside the district"));
        cs.add(gj("inside the envelope, far outside the district", fc(rect(123.80, 45.00, 123.801, 45.001, PROPS)), 422,
                "outside the district"));
        cs.add(gjKind("grids", "grid named for one community, drawn in the other", fc(rect(122.812, 45.602, 122.818,
                45.608, "\"grid_code\":\"220802001001002\"")), 422, "only 0% of it lies inside"));
        cs.add(gjKind("grids", "grid mostly outside its community", fc(rect(122.808, 45.602, 122.818, 45.608,
                "\"grid_code\":\"220802001001002\"")), 422, "lies inside that community"));
        cs.add(gjKind("grids", "grid of a community that does not exist", fc(rect(122.801, 45.601, 122.802, 45.602,
                "\"grid_code\":\"220802001009001\"")), 422, "does not exist"));
        // --- attributes that break their rules
        cs.add(gj("missing building_id column", building("\"floors\":2,\"structure\":\"砖混\""), 422, "building_id"));
        cs.add(gj("floors not a number", building("\"building_id\":\"X-1\",\"floors\":\"abc\",\"structure\":\"砖混\""),
                422, "whole number"));
        cs.add(gj("floors a fraction", building("\"building_id\":\"X-1\",\"floors\":2.5,\"structure\":\"砖混\""), 422,
                "whole number"));
        cs.add(gj("floors zero", building("\"building_id\":\"X-1\",\"floors\":0,\"structure\":\"砖混\""), 422,
                "outside 1–200"));
        cs.add(gj("duplicate building_id", fc(rect(122.801, 45.601, 122.802, 45.602, PROPS),
                rect(122.803, 45.603, 122.804, 45.604, PROPS)), 422, "appears again"));
        cs.add(gj("safety grade E", building(PROPS + ",\"safety_grade\":\"E\""), 422, "safety_grade"));
        cs.add(gj("unknown structure", building("\"building_id\":\"X-1\",\"floors\":2,\"structure\":\"木屋\""), 422,
                "structure"));
        cs.add(gj("building_id with a line break", building("\"building_id\":\"X-\\n1\",\"floors\":2,"
                + "\"structure\":\"砖混\""), 422, "control character"));
        cs.add(gj("building_id with a space", building("\"building_id\":\"X 1\",\"floors\":2,\"structure\":\"砖混\""),
                422, "line breaks"));
        cs.add(gj("NUL in a name", building(PROPS + ",\"name\":\"楼\\u0000栋\""), 422, "NUL"));
        cs.add(gj("right-to-left override in an address", building(PROPS + ",\"address\":\"海明路\\u202E号1\""), 422,
                "bidirectional"));
        cs.add(gj("U+FFFD left by a wrong decoding", building(PROPS + ",\"name\":\"\\uFFFD\\uFFFD楼\""), 422,
                "U+FFFD"));
        cs.add(gj("fewer floors than its households live on", fc(rect(122.801, 45.601, 122.8012, 45.6012,
                "\"building_id\":\"B-1\",\"floors\":2,\"structure\":\"框架\",\"units\":2")), 422, "floor 3"));
        cs.add(gj("fewer units than its households live in", fc(rect(122.801, 45.601, 122.8012, 45.6012,
                "\"building_id\":\"B-1\",\"floors\":5,\"structure\":\"框架\",\"units\":1")), 422, "unit 2"));
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

    // ================================================================================================ GeoPackage

    static Stream<Case> geoPackageCases() {
        List<Case> cs = new ArrayList<>();
        byte[] good = Files2.geopackage(building(PROPS), null);
        cs.add(gp("truncated GeoPackage", Arrays.copyOf(good, 4096), 400, "GeoPackage"));
        cs.add(gp("SQLite header, garbage after", concat("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII),
                new byte[3000]), 400, "GeoPackage"));
        cs.add(gp("no feature table", gpkg(good, "DELETE FROM gpkg_contents"), 400, "no feature tables"));
        cs.add(gp("a listed feature table that does not exist", gpkg(good, "DROP TABLE features"), 400,
                "no such table"));
        cs.add(gp("a feature table that is a broken view", gpkg(good, "ALTER TABLE features RENAME TO old",
                "CREATE VIEW features AS SELECT * FROM old", "DROP TABLE old"), 400, "cannot be read"));
        cs.add(gp("no registered geometry column", gpkg(good, "DELETE FROM gpkg_geometry_columns"), 400,
                "no geometry column registered"));
        cs.add(gp("a registered geometry column the table lacks", gpkg(good,
                "UPDATE gpkg_geometry_columns SET column_name = 'shape'"), 400, "has no such column"));
        cs.add(gp("an srs_id that is not defined", gpkg(good, "UPDATE gpkg_geometry_columns SET srs_id = 99",
                "UPDATE gpkg_contents SET srs_id = 99"), 400, "does not define"));
        cs.add(gp("srs_id 0, undefined geographic", gpkg(good, "UPDATE gpkg_geometry_columns SET srs_id = 0",
                "UPDATE gpkg_contents SET srs_id = 0"), 400, "undefined"));
        cs.add(gp("a Beijing 1954 srs", gpkg(good, "INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition) VALUES ('Beijing 1954', 4214, "
                + "'EPSG', 4214, 'GEOGCS[\"Beijing 1954\",DATUM[\"Beijing_1954\",SPHEROID[\"Krassowsky 1940\","
                + "6378245,298.3]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]]')",
                "UPDATE gpkg_geometry_columns SET srs_id = 4214", "UPDATE gpkg_contents SET srs_id = 4214"), 400,
                "Beijing 1954"));
        cs.add(gp("an srs whose WKT names Xian 1980", gpkg(good, "INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition) VALUES ('x', 7001, "
                + "'NONE', 7001, 'GEOGCS[\"Xian 1980\",DATUM[\"Xian_1980\",SPHEROID[\"IAG 1975\",6378140,298.257]],"
                + "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]]')",
                "UPDATE gpkg_geometry_columns SET srs_id = 7001", "UPDATE gpkg_contents SET srs_id = 7001"), 400,
                "Xian 1980"));
        cs.add(gp("a garbage geometry blob", BrokenFiles.gpkgSetGeometry(good, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}),
                422, "geometry"));
        GeometryFactory gf = new GeometryFactory();
        LinearRing shell = gf.createLinearRing(new Coordinate[] {new Coordinate(122.801, 45.601),
            new Coordinate(122.802, 45.601), new Coordinate(122.802, 45.602), new Coordinate(122.801, 45.602),
            new Coordinate(122.801, 45.601)});
        cs.add(gp("a polygon blob with an empty interior ring", BrokenFiles.gpkgSetGeometry(good,
                BrokenFiles.gpkgBlob(gf.createPolygon(shell, new LinearRing[] {gf.createLinearRing()}), 4326)), 422,
                "geometry"));
        cs.add(gp("an empty feature table", gpkg(good, "DELETE FROM features"), 422, "no features"));
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            // NGA would drop such a point while parsing, and a triangle would be stored instead of the square
            LinearRing withBad = gf.createLinearRing(new Coordinate[] {new Coordinate(122.801, 45.601),
                new Coordinate(bad, 45.601), new Coordinate(122.802, 45.602), new Coordinate(122.801, 45.602),
                new Coordinate(122.801, 45.601)});
            cs.add(gp("a polygon blob with a vertex of " + bad, BrokenFiles.gpkgSetGeometry(good,
                    BrokenFiles.gpkgBlob(gf.createPolygon(withBad), 4326)), 422, "not a finite number"));
        }
        cs.add(gp("the only feature table has a quote in its name", gpkg(good,
                "ALTER TABLE features RENAME TO \"gr\"\"ids\"", "UPDATE gpkg_contents SET table_name = 'gr\"ids'",
                "UPDATE gpkg_geometry_columns SET table_name = 'gr\"ids'"), 400, "cannot be read safely"));
        cs.add(gp("several tables, one with an odd name, and no layer", gpkg(good,
                "CREATE TABLE \"x\"\"; DROP TABLE features; --\" AS SELECT * FROM features",
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES "
                        + "('x\"; DROP TABLE features; --', 'features', 'odd', 4326)",
                "INSERT INTO gpkg_geometry_columns VALUES ('x\"; DROP TABLE features; --', 'geom', 'POLYGON', 4326, 0, 0)"),
                400, "several feature tables"));
        cs.add(gp("a layer that is not in the file", good, 400, "not a feature table", "layer", "x\"; --"));
        cs.add(gp("points for buildings", Files2.geopackage(fc(point(122.801, 45.601, PROPS)), null), 422,
                "Polygon or MultiPolygon"));
        cs.add(gp("far outside the district", Files2.geopackage(fc(rect(123.80, 45.00, 123.801, 45.001, PROPS)), null),
                422, "outside the district"));
        return cs.stream();
    }

    static Case gp(String name, byte[] file, int status, String mentions, String... form) {
        return new Case(name, "f.gpkg", file, form("buildings", form), status, mentions);
    }

    // ================================================================================================ Shapefile

    static Stream<Case> shapefileCases() {
        List<Case> cs = new ArrayList<>();
        String one = fc(rect(122.801, 45.601, 122.802, 45.602, PROPS + ",\"address\":\"海明路一号\""));
        String two = fc(rect(122.801, 45.601, 122.802, 45.602, PROPS + ",\"address\":\"海明路一号\""),
                rect(122.803, 45.603, 122.804, 45.604, "\"building_id\":\"X-2\",\"floors\":3,\"structure\":\"砖混\","
                        + "\"address\":\"海明路二号\""));
        byte[] gbk = Files2.shapefileZip(one, "GBK", null, true);
        byte[] gbk2 = Files2.shapefileZip(two, "GBK", null, true);
        byte[] utf8 = Files2.shapefileZip(one, "UTF-8", null, true);
        // --- the archive
        cs.add(shp("zip with ../ entries", zip(Map.of("../../etc/evil.shp", new byte[] {1, 2, 3})), 400,
                "outside the archive"));
        cs.add(shp("zip with an absolute path", zip(Map.of("/tmp/evil.shp", new byte[] {1})), 400, "outside the archive"));
        cs.add(shp("corrupt zip", concat("PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1), new byte[200]), 400,
                "zip"));
        cs.add(shp("zip bomb", zip(Map.of("bomb.shp", new byte[20_000_000])), 413, "unpacks to more"));
        cs.add(shp("zip without a .shp", zip(Map.of("readme.txt", new byte[] {1})), 400, "no .shp"));
        cs.add(shp("Shapefile without .dbf and .shx", keepOnly(gbk, ".shp", ".prj"), 400, "incomplete"));
        cs.add(shp("two Shapefiles and no layer", zip(Map.of("a.shp", new byte[100], "a.shx", new byte[100], "a.dbf",
                new byte[100], "b.shp", new byte[100], "b.shx", new byte[100], "b.dbf", new byte[100])), 400,
                "several Shapefiles"));
        // --- the bookkeeping of .shp, .shx and .dbf
        cs.add(shp("truncated .shp", edit(gbk, ".shp", f -> Arrays.copyOf(f, 60)), 400, "Shapefile"));
        cs.add(shp(".shp longer than its header says", edit(gbk, ".shp", BrokenFiles.append(8)), 400,
                "header gives a length"));
        cs.add(shp(".shx of a broken length", edit(gbk, ".shx", BrokenFiles.append(3)), 400, ".shx"));
        cs.add(shp("not a Shapefile (file code)", edit(gbk, ".shp", f -> {
            byte[] o = f.clone();
            o[3] = 0;
            return o;
        }), 400, "file code 9994"));
        cs.add(shp("MultiPatch shapes", edit(gbk, ".shp", BrokenFiles.shpShapeType(31)), 400, "MultiPatch"));
        cs.add(shp(".dbf with fewer records than shapes", edit(gbk2, ".dbf", dbfKeep(1)), 400,
                "2 shape(s) but the .dbf has 1"));
        cs.add(shp(".dbf announcing more records than it holds", edit(gbk, ".dbf", dbfRecordCount(5)), 400,
                "truncated"));
        cs.add(shp(".dbf with an impossible record length", edit(gbk, ".dbf", dbfRecordLengthSays(999)), 400,
                "record length"));
        cs.add(shp(".dbf with a damaged deletion flag", edit(gbk, ".dbf", dbfFlag(0, (byte) 0x07)), 400,
                "deletion flag"));
        cs.add(shp("only record marked deleted", edit(gbk, ".dbf", dbfDelete(0)), 422, "no features"));
        cs.add(shp("a ring that does not close", edit(gbk, ".shp", BrokenFiles.shpOpenFirstRing()), 422,
                "do not close"));
        cs.add(shp(".dbf field descriptors without their terminator", edit(gbk, ".dbf", f -> {
            byte[] o = f.clone();
            o[BrokenFiles.dbfHeaderLength(f) - 1] = 0x20;
            return o;
        }), 400, "terminator"));
        cs.add(shp(".shp record header giving another length than the .shx", edit(gbk, ".shp", f -> {
            byte[] o = f.clone();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(o);
            b.putInt(104, b.getInt(104) + 2);
            return o;
        }), 400, "do not belong together"));
        cs.add(shp(".cpg holding binary bytes", BrokenFiles.put(gbk, ".cpg", "\u0001\u00ff\u00fe"), 400,
                "not an encoding name"));
        // --- the coordinate system
        cs.add(shp("binary .prj", edit(gbk, ".prj", f -> new byte[] {0, 1, 2, (byte) 0xff, 0x7f, 10, 0}), 400, ".prj"));
        cs.add(shp("empty .prj", BrokenFiles.put(gbk, ".prj", "   "), 400, ".prj file is empty"));
        cs.add(shp(".prj that is not WKT", BrokenFiles.put(gbk, ".prj", "EPSG:4326"), 400, "does not hold a WKT"));
        cs.add(shp(".prj in Beijing 1954", BrokenFiles.put(gbk, ".prj", "GEOGCS[\"GCS_Beijing_1954\",DATUM["
                + "\"D_Beijing_1954\",SPHEROID[\"Krasovsky_1940\",6378245.0,298.3]],PRIMEM[\"Greenwich\",0.0],"
                + "UNIT[\"Degree\",0.0174532925199433]]"), 400, "Beijing 1954"));
        cs.add(shp(".prj in Xian 1980 Gauss-Kruger CM 123E", BrokenFiles.put(gbk, ".prj", "PROJCS[\"Xian_1980_3_Degree_"
                + "GK_CM_123E\",GEOGCS[\"GCS_Xian_1980\",DATUM[\"D_Xian_1980\",SPHEROID[\"Xian_1980\",6378140.0,"
                + "298.257]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION["
                + "\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",500000.0],PARAMETER[\"Central_Meridian\",123.0],"
                + "UNIT[\"Meter\",1.0]]"), 400, "Xian 1980"));
        cs.add(shp(".prj of an unsupported projection (UTM 51N)", BrokenFiles.put(gbk, ".prj", "PROJCS["
                + "\"WGS_1984_UTM_Zone_51N\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\","
                + "6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],"
                + "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",500000.0],"
                + "PARAMETER[\"Central_Meridian\",123.0],PARAMETER[\"Scale_Factor\",0.9996],UNIT[\"Meter\",1.0]]"), 400,
                "not supported"));
        // --- the text encoding
        cs.add(shp(".cpg says UTF-8 but the text is GBK", BrokenFiles.put(gbk, ".cpg", "UTF-8"), 400,
                "not valid UTF-8"));
        cs.add(shp(".cpg says GBK but the text is UTF-8", BrokenFiles.put(utf8, ".cpg", "GBK"), 400,
                "the bytes are UTF-8"));
        cs.add(shp("DBF language driver says GBK over UTF-8 text", edit(edit(utf8, ".cpg", f -> null), ".dbf",
                dbfLanguageDriver(0x4d)), 400, "the bytes are UTF-8"));
        cs.add(shp("encoding=GBK over UTF-8 text", utf8, 400, "the bytes are UTF-8", "encoding", "GBK"));
        cs.add(shp("encoding=LATIN1 over GBK text", edit(gbk, ".cpg", f -> null), 400, "GBK", "encoding", "LATIN1"));
        cs.add(shp("an encoding that does not exist", gbk, 400, "encoding", "encoding", "KLINGON"));
        return cs.stream();
    }

    static Case shp(String name, byte[] zip, int status, String mentions, String... form) {
        return new Case(name, "f.zip", zip, form("buildings", form), status, mentions);
    }

    // ================================================================================================ CSV

    static Case hh(String name, String csv, int status, String mentions, String... form) {
        return new Case(name, "h.csv", csv.getBytes(StandardCharsets.UTF_8), form("households", form), status, mentions);
    }

    static String households(String header, String... rows) {
        return header + "\n" + String.join("\n", rows) + "\n";
    }

    static final String H = "household_id,building_id,unit,floor,members,elderly,children,pregnant,living_alone,"
            + "oldest_age,id_number";

    static Stream<Case> csvCases() {
        List<Case> cs = new ArrayList<>();
        // --- the file
        cs.add(hh("unterminated quote", households("household_id,building_id,floor,members", "H-1,\"B-1,1,2"), 400,
                "CSV"));
        cs.add(hh("a row with too many values", households("household_id,building_id,floor,members",
                "H-1,B-1,1,2,9,9"), 422, "values"));
        cs.add(hh("a header and no rows", "household_id,building_id,floor,members\n", 400, "no rows"));
        cs.add(hh("a header naming a column twice", households("household_id,building_id,floor,floor,members",
                "H-1,B-1,1,1,2"), 400, "header"));
        cs.add(new Case("declared UTF-8, saved as GBK", "h.csv", households("household_id,building_id,floor,members,"
                + "contact_name", "H-1,B-1,1,2,张三").getBytes(GBK), form("households", "encoding", "UTF-8"), 400,
                "not valid UTF-8"));
        cs.add(hh("declared GBK, saved as UTF-8", households("household_id,building_id,floor,members,contact_name",
                "H-1,B-1,1,2,张三"), 400, "the bytes are UTF-8", "encoding", "GBK"));
        cs.add(hh("declared LATIN1, saved as UTF-8", households("household_id,building_id,floor,members,contact_name",
                "H-1,B-1,1,2,张三"), 400, "the bytes are UTF-8", "encoding", "LATIN1"));
        cs.add(new Case("declared LATIN1, saved as GBK", "h.csv", households("household_id,building_id,floor,members,"
                + "contact_name", "H-1,B-1,1,2,张三丰").getBytes(GBK), form("households", "encoding", "LATIN1"), 400,
                "GBK"));
        cs.add(hh("a NUL byte in a value", households("household_id,building_id,floor,members,contact_name",
                "H-1,B-1,1,2,张\u0000三"), 422, "NUL"));
        // --- a household's own values
        cs.add(hh("household_id with a line break", households("household_id,building_id,floor,members",
                "\"H-\n1\",B-1,1,2"), 422, "control character"));
        cs.add(hh("household_id with a tab", households("household_id,building_id,floor,members", "H-\t1,B-1,1,2"),
                422, "control character"));
        cs.add(hh("members zero", households("household_id,building_id,floor,members", "H-1,B-1,1,0"), 422,
                "outside 1–50"));
        cs.add(hh("more elderly than members", households(H, "H-1,B-1,1,1,2,3,0,0,false,80,"), 422,
                "more than members"));
        cs.add(hh("elderly + children more than members", households(H, "H-1,B-1,1,1,2,1,2,0,false,75,"), 422,
                "nobody can be in two"));
        cs.add(hh("children + pregnant more than members", households(H, "H-1,B-1,1,1,2,0,1,2,false,30,"), 422,
                "nobody can be in two"));
        cs.add(hh("living alone with two members", households(H, "H-1,B-1,1,1,2,1,0,0,是,80,"), 422,
                "living_alone is set but members is 2"));
        cs.add(hh("living alone without an elderly member", households(H, "H-1,B-1,1,1,1,0,0,0,是,40,"), 422,
                "独居老人"));
        cs.add(hh("oldest age 80 but no elderly member", households(H, "H-1,B-1,1,1,2,0,0,0,false,80,"), 422,
                "oldest_age is 80 but elderly is 0"));
        cs.add(hh("an elderly member but oldest age 50", households(H, "H-1,B-1,1,1,2,1,0,0,false,50,"), 422,
                "under 70"));
        cs.add(hh("oldest age 4 but not every member a child", households(H, "H-1,B-1,1,1,2,0,1,0,false,4,"), 422,
                "every member is under 6"));
        cs.add(hh("oldest age 131", households(H, "H-1,B-1,1,1,2,1,0,0,false,131,"), 422, "outside 0–130"));
        // --- ID numbers whose check digit is right but whose content is not
        cs.add(hh("ID number with a wrong check digit", households(H, "H-1,B-1,1,1,2,0,0,0,false,40,"
                + "220802195001011236"), 422, "check digit"));
        cs.add(hh("ID number born on 31 February", households(H, "H-1,B-1,1,1,2,0,0,0,false,40,"
                + idNumber("22080219990231123")), 422, "does not exist"));
        cs.add(hh("ID number born in month 13", households(H, "H-1,B-1,1,1,2,0,0,0,false,40,"
                + idNumber("22080219991301123")), 422, "does not exist"));
        cs.add(hh("ID number born in the future", households(H, "H-1,B-1,1,1,2,0,0,0,false,40,"
                + idNumber("22080220990101123")), 422, "in the future"));
        cs.add(hh("ID number from no province", households(H, "H-1,B-1,1,1,2,0,0,0,false,40,"
                + idNumber("99080219800101123")), 422, "province"));
        // --- a household that contradicts its building (5 floors, 2 units, no basement dwelling)
        cs.add(hh("household of a building that does not exist", households("household_id,building_id,floor,members",
                "H-1,NOPE,1,2"), 422, "does not exist"));
        cs.add(hh("a floor above the building's floors", households("household_id,building_id,floor,members",
                "H-1,B-1,9,2"), 422, "above the top floor"));
        cs.add(hh("floor 0 in a building without a basement dwelling", households("household_id,building_id,floor,"
                + "members", "H-1,B-1,0,2"), 422, "has none"));
        cs.add(hh("a unit the building does not have", households("household_id,building_id,unit,floor,members",
                "H-1,B-1,5,1,2"), 422, "unit 5 does not exist"));
        // --- other CSV kinds
        cs.add(new Case("shelter far outside the district", "s.csv", ("shelter_id,name,capacity,lon,lat\n"
                + "S-1,远方学校,300,123.9,45.9\n").getBytes(StandardCharsets.UTF_8), form("shelters"), 422,
                "outside the district"));
        cs.add(new Case("shelter latitude with a decimal comma", "s.csv", ("shelter_id;name;capacity;lon;lat\n"
                + "S-1;学校;300;122,805;45,605\n").getBytes(StandardCharsets.UTF_8), form("shelters"), 422, "finite"));
        cs.add(new Case("shelter coordinates in Java's hexadecimal syntax", "s.csv", ("shelter_id,name,capacity,lon,lat\n"
                + "S-1,学校,300,0x1.ebap6,0x1.6cfp5\n").getBytes(StandardCharsets.UTF_8), form("shelters"), 422, "finite"));
        cs.add(new Case("shelter coordinates with Java's type suffixes", "s.csv", ("shelter_id,name,capacity,lon,lat\n"
                + "S-1,学校,300,122.805d,45.605f\n").getBytes(StandardCharsets.UTF_8), form("shelters"), 422, "finite"));
        cs.add(new Case("shelter with negative capacity", "s.csv", ("shelter_id,name,capacity,lon,lat\n"
                + "S-1,学校,-5,122.805,45.605\n").getBytes(StandardCharsets.UTF_8), form("shelters"), 422,
                "outside 0–100000"));
        cs.add(new Case("steward with a phone that is not one", "st.csv", ("steward_id,name,role,grid_code,phone\n"
                + "ST-1,王五,网格员," + GRID + ",1234\n").getBytes(StandardCharsets.UTF_8), form("stewards"), 422,
                "11-digit mobile"));
        cs.add(new Case("steward of a grid that does not exist", "st.csv", ("steward_id,name,role,grid_code\n"
                + "ST-1,王五,网格员,220802001001999\n").getBytes(StandardCharsets.UTF_8), form("stewards"), 422,
                "does not exist"));
        cs.add(new Case("recorded inundation in the future", "ri.csv", ("building_id,flood_name,flood_date,depth_m\n"
                + "B-1,2099年洪水,2099-07-01,0.5\n").getBytes(StandardCharsets.UTF_8), form("recorded_inundation"), 422,
                "in the future"));
        cs.add(new Case("recorded inundation on 30 February", "ri.csv", ("building_id,flood_name,flood_date,depth_m\n"
                + "B-1,洪水,2013-02-30,0.5\n").getBytes(StandardCharsets.UTF_8), form("recorded_inundation"), 422,
                "not a date"));
        cs.add(new Case("recorded inundation depth NaN", "ri.csv", ("building_id,flood_name,flood_date,depth_m\n"
                + "B-1,洪水,2013-08-01,NaN\n").getBytes(StandardCharsets.UTF_8), form("recorded_inundation"), 422,
                "not a number"));
        cs.add(new Case("the same building's flood twice in one file", "ri.csv", ("building_id,flood_name,flood_date,"
                + "depth_m\nB-1,1998年洪水,1998-08-16,0.5\nB-1,1998年洪水,1998-08-16,0.7\n").getBytes(StandardCharsets.UTF_8),
                form("recorded_inundation"), 422, "given again"));
        return cs.stream();
    }

    // ================================================================================================ requests

    static Stream<Case> requestCases() {
        List<Case> cs = new ArrayList<>();
        cs.add(new Case("binary file (PNG)", "map.png", concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10,
                0, 0, 0, 13}, new byte[100]), form("buildings"), 415, "not GeoJSON"));
        cs.add(new Case("empty file", "e.geojson", new byte[0], form("buildings"), 400, "empty"));
        cs.add(new Case("named .geojson, holding text", "e.geojson", "hello".getBytes(StandardCharsets.UTF_8),
                form("buildings"), 400, "not that format"));
        cs.add(new Case("unknown kind", "f.geojson", fc().getBytes(StandardCharsets.UTF_8), form("pets"), 400, "kind"));
        cs.add(new Case("no file part", null, null, form("buildings"), 400, "file"));
        cs.add(new Case("repair is not a boolean", "f.geojson", fc().getBytes(StandardCharsets.UTF_8),
                form("buildings", "repair", "maybe"), 400, "repair"));
        cs.add(new Case("a NUL in an option", "f.geojson", fc().getBytes(StandardCharsets.UTF_8),
                form("buildings", "layer", "a\u0000b"), 400, "NUL"));
        cs.add(new Case("body over the size limit", "big.geojson", new byte[41_000_000], form("buildings"), 413,
                "large"));
        return cs.stream();
    }

    // ================================================================================================ helpers

    static byte[] zip(Map<String, byte[]> entries) {
        return BrokenFiles.zip(new LinkedHashMap<>(entries));
    }

    static byte[] keepOnly(byte[] zip, String... exts) {
        Map<String, byte[]> m = BrokenFiles.unzip(zip);
        m.keySet().removeIf(k -> Arrays.stream(exts).noneMatch(k::endsWith));
        return BrokenFiles.zip(m);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

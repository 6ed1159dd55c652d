package org.gridmap.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.gridmap.security.PasswordHasher;
import org.gridmap.testsupport.Api;
import org.gridmap.testsupport.Files2;
import org.gridmap.testsupport.PostgisTest;
import org.gridmap.testsupport.Sql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.sql.DataSource;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.gridmap.testsupport.Files2.fc;
import static org.gridmap.testsupport.Files2.point;
import static org.gridmap.testsupport.Files2.rect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every import kind in the formats offices hand over, through POST /api/imports on real PostGIS: GeoJSON,
 * GeoPackage and zipped Shapefiles written by GDAL (GBK attributes with and without .cpg, EPSG:4529 with .prj),
 * CSV in UTF-8 with BOM and in GBK, EPSG:4550 and GCJ-02 coordinates; and all-or-nothing on failure.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportFormatsTest extends PostgisTest {
    static final Charset GBK = Charset.forName("GBK");

    @Inject
    EmbeddedServer server;
    @Inject
    DataSource ds;

    Api api;
    String token;

    @BeforeAll
    void users() {
        Sql.exec(ds, "INSERT INTO app_user (username, password_hash, display_name, role, area_code) VALUES "
                + "('importer', '" + PasswordHasher.hash("secret-1") + "', '数据管理员', 'ADMIN', '') ON CONFLICT DO NOTHING");
        api = new Api(server.getURI());
        token = api.login("importer", "secret-1");
    }

    Api.Response post(String name, byte[] content, String... form) {
        return api.importFile(token, name, content, Api.form(form));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void areasFromGeoJson() {
        String file = fc(
                "{\"type\":\"Feature\",\"properties\":{\"code\":\"220802\",\"name\":\"洮北区\"},\"geometry\":null}",
                rect(122.80, 45.60, 122.82, 45.61, "\"code\":\"220802001\",\"name\":\"海明街道\""),
                rect(122.80, 45.60, 122.81, 45.61, "\"code\":\"220802001001\",\"name\":\"民生社区\",\"kind\":\"社区\""),
                rect(122.81, 45.60, 122.82, 45.61, "\"code\":\"220802001002\",\"name\":\"民福社区\""));
        Api.Response r = post("areas.geojson", utf8(file), "kind", "areas");
        assertEquals(201, r.status(), r.toString());
        assertEquals(4, r.json().get("counts").get("inserted").asInt());
        assertEquals("STREET", Sql.value(ds, "SELECT level FROM admin_area WHERE code = '220802001'"));
        assertEquals("220802001", Sql.value(ds, "SELECT parent_code FROM admin_area WHERE code = '220802001001'"));
        assertEquals(1, Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'IMPORT' AND actor = 'importer'"));
    }

    @Test
    @Order(2)
    void gridsFromAGbkShapefileKeepTheirChineseNamesExactly() {
        String names = "民生社区第一网格（东湖·鑫苑）";
        String file = fc(
                rect(122.80, 45.60, 122.805, 45.61, "\"grid_code\":\"220802001001001\",\"name\":\"" + names + "\""),
                rect(122.805, 45.60, 122.81, 45.61, "\"grid_code\":\"220802001001002\",\"name\":\"民生社区第二网格\""));
        byte[] zip = Files2.shapefileZip(file, "GBK", null, true);
        Api.Response r = post("grids.zip", zip, "kind", "grids");
        assertEquals(201, r.status(), r.toString());
        assertTrue(r.json().get("counts").get("encoding").asText().toUpperCase().startsWith("GBK"), r.toString());
        JsonNode grid = api.get("/api/grids/220802001001001", token).json();
        assertEquals(names, grid.get("name").asText());
        assertEquals("MultiPolygon", grid.get("geometry").get("type").asText());
    }

    @Test
    @Order(3)
    void gridsFromAGbkShapefileWithoutCpgAndFromAGeoPackage() {
        String shp = fc(rect(122.81, 45.60, 122.815, 45.61,
                "\"grid_code\":\"220802001002001\",\"name\":\"民福社区第一网格\""));
        Api.Response r = post("no-cpg.zip", Files2.shapefileZip(shp, "GBK", null, false), "kind", "grids");
        assertEquals(201, r.status(), r.toString());
        assertEquals("民福社区第一网格", Sql.value(ds, "SELECT name FROM grid WHERE grid_code = '220802001002001'"));

        String gpkg = fc(rect(122.815, 45.60, 122.82, 45.61,
                "\"grid_code\":\"220802001002002\",\"name\":\"民福社区第二网格\""));
        Api.Response g = post("grids.gpkg", Files2.geopackage(gpkg, null), "kind", "grids");
        assertEquals(201, g.status(), g.toString());
        assertEquals("GeoPackage", g.json().get("format").asText());
        assertEquals(4, Sql.count(ds, "SELECT count(*) FROM grid WHERE valid_to IS NULL"));
    }

    @Test
    @Order(4)
    void buildingsFromGeoJsonGeoPackageAndAZoneShapefileInEpsg4529() {
        String gj = fc(
                rect(122.801, 45.601, 122.8012, 45.6012, "\"building_id\":\"B-1\",\"floors\":6,\"structure\":\"砖混\","
                        + "\"safety_grade\":\"B\",\"basement_dwelling\":\"是\",\"address\":\"经一路1号\""),
                rect(122.806, 45.601, 122.8062, 45.6012, "\"building_id\":\"B-2\",\"floors\":1,\"structure\":\"平房\","
                        + "\"safety_grade\":\"D\",\"basement_dwelling\":false"),
                rect(122.811, 45.601, 122.8112, 45.6012, "\"building_id\":\"B-3\",\"floors\":18,\"structure\":\"钢混\""));
        Api.Response r = post("buildings.geojson", utf8(gj), "kind", "buildings");
        assertEquals(201, r.status(), r.toString());
        assertEquals("220802001001001", Sql.value(ds, "SELECT grid_code FROM building WHERE building_id = 'B-1'"));
        assertEquals(Boolean.TRUE, Sql.value(ds, "SELECT basement_dwelling FROM building WHERE building_id = 'B-1'"));

        String gp = fc(rect(122.802, 45.602, 122.8022, 45.6022,
                "\"building_id\":\"B-4\",\"floors\":5,\"structure\":\"框架\",\"address\":\"纬二路8号\""));
        Api.Response g = post("b.gpkg", Files2.geopackage(gp, null), "kind", "buildings");
        assertEquals(201, g.status(), g.toString());

        String zoned = fc(rect(122.803, 45.603, 122.8032, 45.6032,
                "\"building_id\":\"B-5\",\"floors\":7,\"structure\":\"砖混\",\"address\":\"海明路十七号院\""));
        Api.Response s = post("b4529.zip", Files2.shapefileZip(zoned, "GBK", "EPSG:4529", false), "kind", "buildings");
        assertEquals(201, s.status(), s.toString());
        assertTrue(s.json().get("counts").get("crs").asText().contains("4529"), s.toString());
        assertEquals("海明路十七号院", Sql.value(ds, "SELECT address FROM building WHERE building_id = 'B-5'"));
        double offM = ((Number) Sql.value(ds, "SELECT ST_Distance(ST_Centroid(geom)::geography, "
                + "ST_SetSRID(ST_MakePoint(122.8031, 45.6031), 4326)::geography) FROM building "
                + "WHERE building_id = 'B-5'")).doubleValue();
        assertTrue(offM < 0.01, "EPSG:4529 round trip off by " + offM + " m");
    }

    @Test
    @Order(5)
    void buildingsDeclaredInEpsg4550ByTheLegacyCrsMember() {
        // 4550 coordinates of a small square near 122.804 E, 45.606 N (made by PostGIS's ST_Transform).
        String wkt = (String) Sql.value(ds, "SELECT ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_MakeEnvelope(122.804, "
                + "45.606, 122.8042, 45.6062), 4326), 4550), 3)");
        String file = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
                + "\"urn:ogc:def:crs:EPSG::4550\"}},\"features\":[{\"type\":\"Feature\",\"properties\":{"
                + "\"building_id\":\"B-6\",\"floors\":3,\"structure\":\"其他\"},\"geometry\":" + wkt + "}]}";
        Api.Response r = post("b4550.geojson", utf8(file), "kind", "buildings");
        assertEquals(201, r.status(), r.toString());
        double offM = ((Number) Sql.value(ds, "SELECT ST_Distance(ST_Centroid(geom)::geography, "
                + "ST_SetSRID(ST_MakePoint(122.8041, 45.6061), 4326)::geography) FROM building WHERE building_id = 'B-6'"))
                .doubleValue();
        assertTrue(offM < 0.01, "EPSG:4550 off by " + offM + " m");
    }

    @Test
    @Order(6)
    void householdsFromUtf8BomAndGbkCsv() {
        String header = "household_id,building_id,unit,floor,room,members,elderly,children,sick,disabled,pregnant,"
                + "living_alone,contact_name,phone,id_number\n";
        String bom = "\uFEFF" + header
                + "H-1,B-1,1,1,101,3,1,0,0,0,0,否,张秀英,13800001234,220802195001011239\n"
                + "H-2,B-1,1,0,地下室1,1,1,0,1,0,0,是,李德胜,13900005678,\n"
                + "H-3,B-2,,1,正房,2,0,1,0,1,0,0,王建国,,\n";
        Api.Response r = post("households.csv", utf8(bom), "kind", "households");
        assertEquals(201, r.status(), r.toString());
        assertEquals(3, r.json().get("counts").get("inserted").asInt());
        assertEquals("张秀英", Sql.value(ds, "SELECT contact_name FROM household WHERE household_id = 'H-1'"));

        String gbk = header + "H-4,B-3,2,12,1202,4,0,2,0,0,1,否,赵淑珍,18600001111,\n"
                + "H-5,B-3,2,12,1201,1,1,0,0,0,0,是,钱玉兰,,\n";
        Api.Response g = post("households-excel.csv", gbk.getBytes(GBK), "kind", "households");
        assertEquals(201, g.status(), g.toString());
        assertEquals("赵淑珍", Sql.value(ds, "SELECT contact_name FROM household WHERE household_id = 'H-4'"));
        assertEquals("钱玉兰", Sql.value(ds, "SELECT contact_name FROM household WHERE household_id = 'H-5'"));
    }

    @Test
    @Order(7)
    void floodZonesRecordedInundationSheltersAndStewards() {
        String zones = fc(rect(122.80, 45.60, 122.805, 45.605, "\"depth_m\":1.2,\"zone_kind\":\"溃堤影响区\""),
                rect(122.80, 45.60, 122.803, 45.603, "\"depth_m\":2.4,\"zone_kind\":\"行洪区\",\"arrival_hours\":2"));
        Api.Response z = post("zones.geojson", utf8(zones), "kind", "flood_zones", "scenario", "T50");
        assertEquals(201, z.status(), z.toString());
        assertEquals(2, Sql.count(ds, "SELECT count(*) FROM flood_zone z JOIN flood_scenario s ON s.id = z.scenario_id "
                + "WHERE s.code = 'T50'"));
        // A second file for the same scenario replaces its zones.
        Api.Response z2 = post("zones.geojson", utf8(fc(rect(122.80, 45.60, 122.81, 45.61, "\"depth_m\":0.3"))),
                "kind", "flood_zones", "scenario", "T50");
        assertEquals(2, z2.json().get("counts").get("replaced").asInt(), z2.toString());
        assertEquals(1, Sql.count(ds, "SELECT count(*) FROM flood_zone"));

        Api.Response ri = post("inundation.csv", utf8("building_id,flood_name,flood_date,depth_m\n"
                + "B-2,1998年洪水,1998-08-16,1.35\nB-1,1998年洪水,1998/08/16,0.4\n"), "kind", "recorded_inundation");
        assertEquals(201, ri.status(), ri.toString());

        Api.Response sh = post("shelters.csv", utf8("shelter_id,name,capacity,accessible,kind,lon,lat\n"
                + "S-1,白城市第三中学,1200,是,学校,122.8045,45.6055\n"), "kind", "shelters");
        assertEquals(201, sh.status(), sh.toString());

        String stewards = "steward_id,name,phone,role,grid_code,building_id,unit\n"
                + "W-1,孙海燕,13512345678,网格员,220802001001001,,\nW-2,周立新,,楼栋长,,B-1,\n"
                + "W-3,吴春华,,单元长,,B-1,1\n";
        Api.Response st = post("stewards.csv", stewards.getBytes(GBK), "kind", "stewards");
        assertEquals(201, st.status(), st.toString());
        JsonNode grid = api.get("/api/grids/220802001001001", token).json();
        assertTrue(grid.get("stewards").toString().contains("孙海燕"), grid.toString());
        assertTrue(grid.get("stewards").toString().contains("135****5678"), "steward phones are masked");
    }

    @Test
    @Order(8)
    void gcj02PointsLandWithinAMetreOfTheirWgs84Truth() {
        double lon = 122.8071234;
        double lat = 45.6043210;
        double[] g = Gcj02.fromWgs84(lon, lat);
        Api.Response r = post("shelters-gcj.geojson", utf8(fc(point(g[0], g[1],
                "\"shelter_id\":\"S-2\",\"name\":\"民生社区服务中心\",\"capacity\":300"))), "kind", "shelters",
                "crs", "GCJ02");
        assertEquals(201, r.status(), r.toString());
        double offM = ((Number) Sql.value(ds, "SELECT ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(" + lon
                + ", " + lat + "), 4326)::geography) FROM shelter WHERE shelter_id = 'S-2'")).doubleValue();
        assertTrue(offM < 1.0, "GCJ-02 import off by " + offM + " m");
        double rawOffM = ((Number) Sql.value(ds, "SELECT ST_Distance(ST_SetSRID(ST_MakePoint(" + g[0] + ", " + g[1]
                + "), 4326)::geography, ST_SetSRID(ST_MakePoint(" + lon + ", " + lat + "), 4326)::geography)"))
                .doubleValue();
        assertTrue(rawOffM > 300, "the GCJ-02 offset near Baicheng is hundreds of metres, was " + rawOffM);
    }

    @Test
    @Order(9)
    void anImportThatFailsAtItsLastRowStoresNothing() {
        long households = Sql.count(ds, "SELECT count(*) FROM household");
        StringBuilder csv = new StringBuilder("household_id,building_id,floor,members\n");
        for (int k = 1; k <= 500; k++) {
            csv.append("A-").append(k).append(",B-3,").append(1 + k % 18).append(",2\n");
        }
        csv.append("A-501,NO-SUCH-BUILDING,1,2\n");
        Api.Response r = post("households.csv", utf8(csv.toString()), "kind", "households");
        assertEquals(422, r.status(), r.toString());
        assertTrue(r.isProblem());
        JsonNode err = r.json().get("errors").get(0);
        assertEquals(502, err.get("row").asInt(), "the CSV line of the bad row");
        assertEquals("building_id", err.get("field").asText());
        assertEquals(households, Sql.count(ds, "SELECT count(*) FROM household"));

        StringBuilder bad = new StringBuilder("household_id,building_id,floor,members\n");
        for (int k = 1; k <= 500; k++) {
            bad.append("C-").append(k).append(",B-3,1,2\n");
        }
        bad.append("C-501,B-3,1,0\n");
        Api.Response r2 = post("households.csv", utf8(bad.toString()), "kind", "households");
        assertEquals(422, r2.status(), r2.toString());
        assertEquals("members", r2.json().get("errors").get(0).get("field").asText());
        assertEquals(households, Sql.count(ds, "SELECT count(*) FROM household"));
    }

    @Test
    @Order(10)
    void repairFixesABowTieIntoPolygonsAndSaysWhatChanged() {
        String bowtie = "{\"type\":\"Feature\",\"properties\":{\"building_id\":\"B-BOW\",\"floors\":2,\"structure\":"
                + "\"砖混\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[122.8041,45.6071],[122.8043,45.6073],"
                + "[122.8043,45.6071],[122.8041,45.6073],[122.8041,45.6071]]]}}";
        Api.Response refused = post("bow.geojson", utf8(fc(bowtie)), "kind", "buildings");
        assertEquals(422, refused.status(), refused.toString());
        assertTrue(refused.json().get("errors").get(0).get("message").asText().contains("Self-intersection"),
                refused.toString());
        assertTrue(refused.json().get("errors").get(0).has("at"), "the location of the problem");
        Api.Response fixed = post("bow.geojson", utf8(fc(bowtie)), "kind", "buildings", "repair", "true");
        assertEquals(201, fixed.status(), fixed.toString());
        JsonNode rep = fixed.json().get("repairs").get(0);
        assertEquals(2, rep.get("parts_after").asInt(), rep.toString());
        assertEquals("MULTIPOLYGON", Sql.value(ds, "SELECT upper(GeometryType(geom)) FROM building "
                + "WHERE building_id = 'B-BOW'"));
    }

    @Test
    @Order(11)
    void reimportingAGridWithANewBoundaryKeepsTheOldVersion() {
        String file = fc(rect(122.80, 45.60, 122.8051, 45.61,
                "\"grid_code\":\"220802001001001\",\"name\":\"民生社区第一网格（东湖·鑫苑）\""));
        Api.Response r = post("grid.geojson", utf8(file), "kind", "grids");
        assertEquals(201, r.status(), r.toString());
        assertEquals(1, r.json().get("counts").get("updated").asInt(), r.toString());
        assertEquals(2, Sql.count(ds, "SELECT count(*) FROM grid WHERE grid_code = '220802001001001'"));
        JsonNode g = api.get("/api/grids/220802001001001", token).json();
        assertEquals(2, g.get("version").asInt());
        // Importing the same file again changes nothing.
        Api.Response again = post("grid.geojson", utf8(file), "kind", "grids");
        assertEquals(1, again.json().get("counts").get("unchanged").asInt(), again.toString());
    }

    @Test
    @Order(12)
    void theCommandLineImportUsesTheSameRules() throws Exception {
        ImportService service = importService;
        Path f = Files.createTempFile("stewards", ".csv");
        Files.writeString(f, "steward_id,name,role,grid_code\nW-9,郑文,网格长,220802001001002\n");
        int code = service.runFromCli(f, Map.of("kind", "stewards"));
        assertEquals(0, code);
        assertEquals(1, Sql.count(ds, "SELECT count(*) FROM steward WHERE steward_id = 'W-9'"));
    }

    @Inject
    ImportService importService;
}

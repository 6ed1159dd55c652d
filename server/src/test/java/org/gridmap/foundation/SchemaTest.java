package org.gridmap.foundation;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.gridmap.testsupport.PostgisTest;
import org.gridmap.testsupport.Sql;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The migrations on real PostGIS: constraints that guard the data, and the membership triggers. */
@MicronautTest(transactional = false)
class SchemaTest extends PostgisTest {
    private static final String SQUARE = "ST_GeomFromText('MULTIPOLYGON(((122.80 45.60,122.81 45.60,122.81 45.61,"
            + "122.80 45.61,122.80 45.60)))', 4326)";

    @Inject
    DataSource ds;

    @Test
    void migrationsRanOnPostgis() {
        String version = (String) Sql.value(ds, "SELECT postgis_lib_version()");
        assertTrue(version.startsWith("3."), version);
        assertEquals(1L, Sql.count(ds, "SELECT count(*) FROM flyway_schema_history WHERE success AND version = '10'"));
        assertEquals("MultiPolygon", Sql.value(ds, "SELECT type FROM geometry_columns WHERE f_table_name = 'building'"
                + " AND f_geometry_column = 'geom'").toString().equalsIgnoreCase("MULTIPOLYGON") ? "MultiPolygon" : "?");
        assertEquals(4326, ((Number) Sql.value(ds, "SELECT srid FROM geometry_columns WHERE f_table_name = 'grid'"))
                .intValue());
    }

    @Test
    void invalidAndImplausibleGeometriesAreRefusedByTheDatabase() {
        setUpCommunity();
        assertThrows(IllegalStateException.class, () -> Sql.exec(ds, "INSERT INTO building (building_id, floors, "
                + "structure, geom) VALUES ('bowtie', 1, 'OTHER', ST_GeomFromText('MULTIPOLYGON(((122.80 45.60,"
                + "122.81 45.61,122.81 45.60,122.80 45.61,122.80 45.60)))', 4326))"), "self-intersection");
        assertThrows(IllegalStateException.class, () -> Sql.exec(ds, "INSERT INTO building (building_id, floors, "
                + "structure, geom) VALUES ('paris', 1, 'OTHER', ST_GeomFromText('MULTIPOLYGON(((2.30 48.80,"
                + "2.31 48.80,2.31 48.81,2.30 48.81,2.30 48.80)))', 4326))"), "outside China");
        assertThrows(IllegalStateException.class, () -> Sql.exec(ds, "INSERT INTO grid (grid_code, name, "
                + "community_code, geom) VALUES ('220802001009001', 'x', '220802001001', " + SQUARE + ")"),
                "grid code must start with its community code");
        assertEquals(0L, Sql.count(ds, "SELECT count(*) FROM building WHERE building_id IN ('bowtie','paris')"));
    }

    @Test
    void auditLogIsAppendOnly() {
        Sql.exec(ds, "INSERT INTO audit_log (actor, action) VALUES ('t', 'TEST')");
        assertThrows(IllegalStateException.class, () -> Sql.exec(ds, "UPDATE audit_log SET actor = 'x'"));
        assertThrows(IllegalStateException.class, () -> Sql.exec(ds, "DELETE FROM audit_log"));
        assertThrows(IllegalStateException.class, () -> Sql.exec(ds, "TRUNCATE audit_log"));
        assertTrue(Sql.count(ds, "SELECT count(*) FROM audit_log WHERE action = 'TEST'") >= 1);
    }

    @Test
    void buildingGridMembershipFollowsBothSides() {
        setUpCommunity();
        Sql.exec(ds, "DELETE FROM building WHERE building_id LIKE 'm-%'");
        Sql.exec(ds, "DELETE FROM grid WHERE grid_code LIKE '22080200100%'");
        Sql.exec(ds, "INSERT INTO grid (grid_code, name, community_code, geom) VALUES "
                + "('220802001001001', 'west', '220802001001', ST_GeomFromText('MULTIPOLYGON(((122.80 45.60,"
                + "122.805 45.60,122.805 45.61,122.80 45.61,122.80 45.60)))', 4326)),"
                + "('220802001001002', 'east', '220802001001', ST_GeomFromText('MULTIPOLYGON(((122.805 45.60,"
                + "122.81 45.60,122.81 45.61,122.805 45.61,122.805 45.60)))', 4326))");
        Sql.exec(ds, "INSERT INTO building (building_id, floors, structure, geom) VALUES ('m-1', 3, 'FRAME', "
                + "ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(122.802, 45.605), 4326), 0.0001, 4)))");
        assertEquals("220802001001001", Sql.value(ds, "SELECT grid_code FROM building WHERE building_id = 'm-1'"));
        // Move the building east: the row trigger re-derives its grid.
        Sql.exec(ds, "UPDATE building SET geom = ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(122.808, 45.605), 4326),"
                + " 0.0001, 4)) WHERE building_id = 'm-1'");
        assertEquals("220802001001002", Sql.value(ds, "SELECT grid_code FROM building WHERE building_id = 'm-1'"));
        // Redraw the east grid so that it no longer holds the building: the statement trigger refreshes it.
        Sql.exec(ds, "UPDATE grid SET geom = ST_GeomFromText('MULTIPOLYGON(((122.805 45.60,122.807 45.60,"
                + "122.807 45.61,122.805 45.61,122.805 45.60)))', 4326) WHERE grid_code = '220802001001002'");
        assertNull(Sql.value(ds, "SELECT grid_code FROM building WHERE building_id = 'm-1'"));
        assertEquals("220802001001", Sql.value(ds, "SELECT community_code FROM building WHERE building_id = 'm-1'"),
                "a building in no grid still belongs to its community");
    }

    private void setUpCommunity() {
        Sql.exec(ds, "INSERT INTO admin_area (code, name, level) VALUES ('220802', '洮北区', 'COUNTY') "
                + "ON CONFLICT DO NOTHING");
        Sql.exec(ds, "INSERT INTO admin_area (code, name, level, parent_code) VALUES ('220802001', '海明街道', "
                + "'STREET', '220802') ON CONFLICT DO NOTHING");
        Sql.exec(ds, "INSERT INTO admin_area (code, name, level, parent_code, geom) VALUES ('220802001001', '民生社区',"
                + " 'COMMUNITY', '220802001', " + SQUARE + ") ON CONFLICT DO NOTHING");
    }
}

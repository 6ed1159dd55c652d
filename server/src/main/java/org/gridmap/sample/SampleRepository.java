package org.gridmap.sample;

import org.gridmap.security.PasswordHasher;
import org.gridmap.support.Copy;
import org.gridmap.support.Lock;
import org.gridmap.support.LockRepository;
import org.gridmap.support.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The only SQL of the sample load: COPY of every table, then the same resolve steps an import runs. */
final class SampleRepository {
    private static final Logger LOG = LoggerFactory.getLogger(SampleRepository.class);

    private SampleRepository() {}

    static boolean isLoaded(Connection c, String dataset) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("sample/is_loaded"))) {
            ps.setString(1, dataset);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Waits until no other transaction loads the dataset. */
    static void lock(Connection c, String dataset) throws SQLException {
        LockRepository.forTransaction(c, Lock.SAMPLE_LOAD, dataset);
    }

    static void markLoaded(Connection c, String dataset, String countsJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("sample/mark_loaded"))) {
            ps.setString(1, dataset);
            ps.setString(2, countsJson);
            ps.executeUpdate();
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(Sql.get(sql));
        }
    }

    /** Writes the whole city in the caller's transaction; the counts written. */
    static Map<String, Long> write(Connection c, SampleCity city, List<SampleLoader.DemoUser> users,
                                   String demoPassword, Consumer<String> progress)
            throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        // The statement triggers keeping counts read transition tables of every row one statement wrote; with the
        // default 4 MB their hash joins spill to disk batch after batch.
        try (PreparedStatement ps = c.prepareStatement(Sql.get("sample/bulk_memory"))) {
            ps.execute();
        }
        progress.accept("writing areas, grids, roads, rivers …");
        try (Copy cp = new Copy(c, "admin_area (code, name, level, parent_code, kind, geom)")) {
            for (SampleCity.Area a : city.areas()) {
                cp.add(a.code()).add(a.name()).add(a.level()).add(a.parentCode()).add(a.kind()).add(a.geom()).endRow();
            }
            counts.put("areas", (long) city.areas().size());
        }
        try (Copy cp = new Copy(c, "grid (grid_code, name, community_code, geom, valid_from)")) {
            for (SampleCity.Grid g : city.grids()) {
                cp.add(g.code()).add(g.name()).add(g.communityCode()).add(g.geom()).add("2024-01-01T00:00:00+08")
                        .endRow();
            }
            counts.put("grids", (long) city.grids().size());
        }
        try (Copy cp = new Copy(c, "road (name, kind, geom)")) {
            for (SampleCity.Road r : city.roads()) {
                cp.add(r.name()).add(r.kind()).add(r.geom()).endRow();
            }
        }
        try (Copy cp = new Copy(c, "water_feature (name, kind, source, synthetic, geom)")) {
            for (SampleCity.Water w : city.waters()) {
                cp.add(w.name()).add(w.kind()).add(w.source()).add(w.synthetic()).add(w.geom()).endRow();
            }
        }
        progress.accept("writing " + city.buildings().size() + " buildings (grid membership is derived as they go in) …");
        try (Copy cp = new Copy(c, "building (building_id, name, address, floors, units, structure, safety_grade, "
                + "basement_dwelling, use, geom)")) {
            for (SampleCity.Building b : city.buildings()) {
                cp.add(b.id()).add(b.name()).add(b.address()).add(b.floors()).add(b.units()).add(b.structure())
                        .add(b.safetyGrade()).add(b.basementDwelling()).add(b.use())
                        .add(org.gridmap.support.Wkb.WGS84.createMultiPolygon(
                                new org.locationtech.jts.geom.Polygon[] {b.geom()}))
                        .endRow();
            }
            counts.put("buildings", (long) city.buildings().size());
        }
        execute(c, "sample/stage");
        progress.accept("writing " + city.households().size() + " households and " + city.stewards().size()
                + " stewards …");
        try (Copy cp = new Copy(c, "stage_household (household_id, building_ref, unit, floor, room, members, elderly, "
                + "children, sick, disabled, pregnant, living_alone, oldest_age, contact_name, phone, id_number)")) {
            for (SampleCity.Household h : city.households()) {
                cp.add(h.id()).add(h.buildingId()).add(h.unit()).add(h.floor()).add(h.room()).add(h.members())
                        .add(h.elderly()).add(h.children()).add(h.sick()).add(h.disabled()).add(h.pregnant())
                        .add(h.livingAlone()).add(h.oldestAge()).add(h.contactName()).add(h.phone())
                        .add(h.idNumber()).endRow();
            }
            counts.put("households", (long) city.households().size());
        }
        try (Copy cp = new Copy(c, "stage_steward (steward_id, name, phone, role, area_code, grid_code, road, "
                + "building_ref, unit)")) {
            for (SampleCity.Steward s : city.stewards()) {
                cp.add(s.id()).add(s.name()).add(s.phone()).add(s.role()).add(s.areaCode()).add(s.gridCode())
                        .add(s.road()).add(s.buildingId()).add(s.unit()).endRow();
            }
            counts.put("stewards", (long) city.stewards().size());
        }
        try (Copy cp = new Copy(c, "stage_inundation (building_ref, flood_name, flood_date, depth_m)")) {
            for (SampleCity.Inundation i : city.inundations()) {
                cp.add(i.buildingId()).add(i.floodName()).add(i.floodDate()).add(i.depthM()).endRow();
            }
            counts.put("recorded_inundations", (long) city.inundations().size());
        }
        execute(c, "sample/resolve");
        progress.accept("writing flood scenarios, zones and shelters …");
        Map<String, Long> scenarioIds = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("sample/scenario_insert"))) {
            for (SampleCity.Scenario s : city.scenarios()) {
                ps.setString(1, s.code());
                ps.setString(2, s.name());
                ps.setString(3, s.kind());
                ps.setObject(4, s.returnPeriodYears());
                ps.setString(5, s.description());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    scenarioIds.put(s.code(), rs.getLong(1));
                }
            }
            counts.put("scenarios", (long) city.scenarios().size());
        }
        try (Copy cp = new Copy(c, "flood_zone (scenario_id, depth_m, depth_class, zone_kind, arrival_hours, geom)")) {
            for (SampleCity.Zone z : city.zones()) {
                cp.add(scenarioIds.get(z.scenarioCode())).add(z.depthM()).add(z.depthClass()).add(z.zoneKind())
                        .add(z.arrivalHours()).add(z.geom()).endRow();
            }
            counts.put("flood_zones", (long) city.zones().size());
        }
        try (Copy cp = new Copy(c, "shelter (shelter_id, name, kind, capacity, accessible, address, geom)")) {
            for (SampleCity.Shelter s : city.shelters()) {
                cp.add(s.id()).add(s.name()).add(s.kind()).add(s.capacity()).add(s.accessible()).add(s.address())
                        .add(s.geom()).endRow();
            }
            counts.put("shelters", (long) city.shelters().size());
        }
        try (PreparedStatement ps = c.prepareStatement(Sql.get("security/user_upsert"))) {
            for (SampleLoader.DemoUser u : users) {
                ps.setString(1, u.username());
                ps.setString(2, PasswordHasher.hash(demoPassword));
                ps.setString(3, u.displayName());
                ps.setString(4, u.role());
                ps.setString(5, u.area());
                ps.setBoolean(6, true);
                ps.addBatch();
            }
            ps.executeBatch();
            counts.put("demo_users", (long) users.size());
        }
        execute(c, "sample/analyze");
        LOG.info("sample written: {}", counts);
        return counts;
    }

}

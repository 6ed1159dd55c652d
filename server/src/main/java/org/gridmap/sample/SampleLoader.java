package org.gridmap.sample;

import jakarta.inject.Singleton;
import org.gridmap.security.PasswordHasher;
import org.gridmap.support.Copy;
import org.gridmap.support.Db;
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

/**
 * Loads the Baicheng sample city into an empty database, once. The whole load is one transaction taken under an
 * advisory lock: two instances starting together load it once, and a killed load leaves nothing behind.
 */
@Singleton
public class SampleLoader {
    public static final String DATASET = "baicheng-sample";
    private static final long LOCK_KEY = 0x6772_6964_6d61_7001L;
    private static final Logger LOG = LoggerFactory.getLogger(SampleLoader.class);

    /** The demo users: username, display name, role, area code. Passwords come from configuration. */
    public record DemoUser(String username, String displayName, String role, String area) {}

    private final Db db;

    public SampleLoader(Db db) {
        this.db = db;
    }

    public boolean isLoaded() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM dataset_load WHERE name = ?")) {
                ps.setString(1, DATASET);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Generates and loads the sample unless it is loaded already.
     *
     * @return the counts loaded, or an empty map when the sample was there already
     */
    public Map<String, Long> load(long seed, int households, String demoPassword, Consumer<String> progress) {
        if (isLoaded()) {
            progress.accept("样例数据已加载，跳过 / sample already loaded, nothing to do");
            return Map.of();
        }
        long t0 = System.nanoTime();
        progress.accept("生成白城样例城市 / generating the Baicheng sample city (seed " + seed + ", ~" + households
                + " households)");
        SampleCity city = new BaichengSampleGenerator(seed, households).generate();
        progress.accept(String.format("generated in %.1f s: %d grids, %d buildings, %d households",
                (System.nanoTime() - t0) / 1e9, city.grids().size(), city.buildings().size(),
                city.households().size()));
        return db.tx(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM dataset_load WHERE name = ?")) {
                ps.setString(1, DATASET);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        progress.accept("another instance loaded the sample meanwhile; nothing to do");
                        return Map.<String, Long>of();
                    }
                }
            }
            Map<String, Long> counts = write(c, city, demoPassword, progress);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO dataset_load (name, counts) VALUES (?, ?::jsonb)")) {
                ps.setString(1, DATASET);
                StringBuilder j = new StringBuilder("{");
                counts.forEach((k, v) -> j.append(j.length() > 1 ? "," : "").append('"').append(k).append("\":")
                        .append(v));
                ps.setString(2, j.append('}').toString());
                ps.executeUpdate();
            }
            progress.accept(String.format("样例数据加载完成 / sample loaded in %.1f s", (System.nanoTime() - t0) / 1e9));
            return counts;
        });
    }

    private Map<String, Long> write(Connection c, SampleCity city, String demoPassword, Consumer<String> progress)
            throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
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
        try (Statement st = c.createStatement()) {
            st.execute(Sql.get("sample/stage"));
        }
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
        try (Statement st = c.createStatement()) {
            st.execute(Sql.get("sample/resolve"));
        }
        progress.accept("writing flood scenarios, zones and shelters …");
        Map<String, Long> scenarioIds = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO flood_scenario (code, name, kind, "
                + "return_period_years, description) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
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
        List<DemoUser> users = demoUsers(city);
        try (PreparedStatement ps = c.prepareStatement(Sql.get("security/user_upsert"))) {
            for (DemoUser u : users) {
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
        try (Statement st = c.createStatement()) {
            st.execute("ANALYZE");
        }
        LOG.info("sample written: {}", counts);
        return counts;
    }

    /** One demo user per role, scoped to the first street, community and grid of the sample. */
    public static List<DemoUser> demoUsers(SampleCity city) {
        String street = city.areas().stream().filter(a -> a.level().equals("STREET")).map(SampleCity.Area::code)
                .sorted().findFirst().orElseThrow();
        String community = city.areas().stream().filter(a -> a.level().equals("COMMUNITY"))
                .map(SampleCity.Area::code).filter(code -> code.startsWith(street)).sorted().findFirst().orElseThrow();
        String grid = city.grids().stream().map(SampleCity.Grid::code).filter(code -> code.startsWith(community))
                .sorted().findFirst().orElseThrow();
        return List.of(
                new DemoUser("admin", "系统管理员", "ADMIN", ""),
                new DemoUser("district", "洮北区防汛指挥部", "DISTRICT_OFFICE", BaichengSampleGenerator.COUNTY_CODE),
                new DemoUser("street", "街道工作人员", "STREET_STAFF", street),
                new DemoUser("community", "社区工作人员", "COMMUNITY_STAFF", community),
                new DemoUser("gridworker", "网格员", "GRID_WORKER", grid),
                new DemoUser("hotline", "热线话务员", "HOTLINE", BaichengSampleGenerator.COUNTY_CODE));
    }
}

package org.gridmap.building;

import jakarta.inject.Singleton;
import org.gridmap.support.Rows;
import org.gridmap.support.Sql;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The only SQL on building, household and their stewards. Returns clear values; callers mask. */
@Singleton
class BuildingRepository {

    record BuildingRow(long id, String buildingId, String name, String address, int floors, int units,
                       String structure, String safetyGrade, boolean basementDwelling, String use, String gridCode,
                       String communityCode, String geojson, double footprintM2) {
        String scopeCode() {
            return gridCode != null ? gridCode : communityCode;
        }
    }

    record HouseholdRow(String householdId, String buildingId, Integer unit, int floor, String room, int members,
                        int elderly, int children, int sick, int disabled, int pregnant, boolean livingAlone,
                        Integer oldestAge, String contactName, String phone, String idNumber, String scopeCode,
                        int vulnerable) {}

    record StewardRow(String stewardId, String name, String phone, String role, Integer unit) {}

    record InundationRow(String floodName, LocalDate floodDate, BigDecimal depthM) {}

    Optional<BuildingRow> find(Connection c, String buildingId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("building/building_by_id"))) {
            ps.setString(1, buildingId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new BuildingRow(rs.getLong("id"), rs.getString("building_id"),
                        rs.getString("name"), rs.getString("address"), rs.getInt("floors"), rs.getInt("units"),
                        rs.getString("structure"), rs.getString("safety_grade"), rs.getBoolean("basement_dwelling"),
                        rs.getString("use"), rs.getString("grid_code"), rs.getString("community_code"),
                        rs.getString("geojson"), rs.getDouble("footprint_m2")));
            }
        }
    }

    List<HouseholdRow> households(Connection c, BuildingRow b) throws SQLException {
        List<HouseholdRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("building/households_of_building"))) {
            ps.setLong(1, b.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(household(rs, b.buildingId(), b.scopeCode()));
                }
            }
        }
        return out;
    }

    Optional<HouseholdRow> household(Connection c, String householdId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("building/household_by_id"))) {
            ps.setString(1, householdId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(household(rs, rs.getString("building_id"), rs.getString("scope_code")));
            }
        }
    }

    private static HouseholdRow household(ResultSet rs, String buildingId, String scope) throws SQLException {
        return new HouseholdRow(rs.getString("household_id"), buildingId, Rows.intOrNull(rs, "unit"),
                rs.getInt("floor"), rs.getString("room"), rs.getInt("members"), rs.getInt("elderly"),
                rs.getInt("children"), rs.getInt("sick"), rs.getInt("disabled"), rs.getInt("pregnant"),
                rs.getBoolean("living_alone"), Rows.intOrNull(rs, "oldest_age"), rs.getString("contact_name"),
                rs.getString("phone"), rs.getString("id_number"), scope, rs.getInt("vulnerable"));
    }

    List<StewardRow> stewards(Connection c, BuildingRow b) throws SQLException {
        List<StewardRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("building/stewards_of_building"))) {
            ps.setLong(1, b.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StewardRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Rows.intOrNull(rs, "unit")));
                }
            }
        }
        return out;
    }

    List<InundationRow> inundations(Connection c, BuildingRow b) throws SQLException {
        List<InundationRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("building/inundations_of_building"))) {
            ps.setLong(1, b.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new InundationRow(rs.getString(1), rs.getObject(2, LocalDate.class),
                            rs.getBigDecimal(3)));
                }
            }
        }
        return out;
    }
}

package org.gridmap.grid;

import jakarta.inject.Singleton;
import org.gridmap.support.Rows;
import org.gridmap.support.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The only SQL on grids and their stewards. Phones come back clear; the controller masks them. */
@Singleton
class GridRepository {
    record GridRow(String gridCode, String name, String communityCode, String communityName, String streetCode,
                   String streetName, int version, OffsetDateTime validFrom, OffsetDateTime validTo, long areaM2,
                   boolean rural, String geojson) {}

    record Counts(long buildings, long households, long people, long vulnerablePeople) {}

    record StewardRow(String stewardId, String name, String phone, String role) {}

    record VersionRow(int version, String name, OffsetDateTime validFrom, OffsetDateTime validTo, long areaM2) {}

    record Match(String gridCode, String name, String communityCode, String communityName, String streetName,
                 double[] bbox) {}

    /** Current grids in the caller's area matching a code prefix or a grid, community or street name. */
    List<Match> search(Connection c, String areaPrefix, String text, int limit) throws SQLException {
        String like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String prefix = text.replace("%", "").replace("_", "") + "%";
        try (PreparedStatement ps = c.prepareStatement(Sql.get("grid/search"))) {
            ps.setString(1, areaPrefix + "%");
            ps.setString(2, prefix);
            ps.setString(3, like);
            ps.setString(4, like);
            ps.setString(5, like);
            ps.setString(6, prefix);
            ps.setString(7, like.substring(1));
            ps.setInt(8, limit);
            List<Match> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Match(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), new double[] {rs.getDouble(6), rs.getDouble(7), rs.getDouble(8),
                                rs.getDouble(9)}));
                }
            }
            return out;
        }
    }

    /** The version in force at {@code at} (null: the current one). */
    Optional<GridRow> find(Connection c, String gridCode, OffsetDateTime at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("grid/grid_by_code"))) {
            ps.setString(1, gridCode);
            for (int k = 2; k <= 4; k++) {
                ps.setObject(k, at, Types.TIMESTAMP_WITH_TIMEZONE);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new GridRow(rs.getString("grid_code"), rs.getString("name"),
                        rs.getString("community_code"), rs.getString("community_name"), rs.getString("street_code"),
                        rs.getString("street_name"), rs.getInt("version"), Rows.time(rs, "valid_from"),
                        Rows.time(rs, "valid_to"), rs.getLong("area_m2"), rs.getBoolean("rural"), rs.getString("geojson")));
            }
        }
    }

    Counts counts(Connection c, String gridCode) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("grid/grid_counts"))) {
            ps.setString(1, gridCode);
            ps.setString(2, gridCode);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }

    List<StewardRow> stewards(Connection c, String gridCode) throws SQLException {
        List<StewardRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("grid/grid_stewards"))) {
            ps.setString(1, gridCode);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StewardRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return out;
    }

    List<VersionRow> history(Connection c, String gridCode) throws SQLException {
        List<VersionRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("grid/grid_history"))) {
            ps.setString(1, gridCode);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new VersionRow(rs.getInt(1), rs.getString(2), Rows.time(rs, "valid_from"),
                            Rows.time(rs, "valid_to"), rs.getLong(5)));
                }
            }
        }
        return out;
    }
}

package org.gridmap.admin;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.gridmap.support.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The only SQL on admin_area. */
@Singleton
class AreaRepository {

    record AreaRow(String code, String name, String level, String parentCode, String kind, boolean rural,
                   String geojson, Double areaKm2) {}

    List<AreaRow> list(Connection c, @Nullable String level, @Nullable String parent, String scope)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("admin/list_areas"))) {
            ps.setString(1, level);
            ps.setString(2, level);
            ps.setString(3, parent);
            ps.setString(4, parent);
            ps.setString(5, scope + "%");
            ps.setString(6, scope);
            List<AreaRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AreaRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getBoolean(6), null, null));
                }
            }
            return out;
        }
    }

    Optional<AreaRow> find(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("admin/area_by_code"))) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                double km2 = rs.getDouble(8);
                return Optional.of(new AreaRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.wasNull() ? null : km2));
            }
        }
    }

    /** Counts below the code prefix, as a column-name → number map (column names are the API's names). */
    Map<String, Long> summary(Connection c, String prefix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("admin/area_summary"))) {
            for (int k = 1; k <= 6; k++) {
                ps.setString(k, prefix + "%");
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Map<String, Long> out = new LinkedHashMap<>();
                for (int k = 1; k <= rs.getMetaData().getColumnCount(); k++) {
                    out.put(rs.getMetaData().getColumnLabel(k), rs.getLong(k));
                }
                return out;
            }
        }
    }
}

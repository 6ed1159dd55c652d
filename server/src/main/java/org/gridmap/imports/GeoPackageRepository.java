package org.gridmap.imports;

import org.gridmap.support.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The SQL a GeoPackage import runs on the uploaded file itself (SQLite, through NGA's connection), to check what
 * its registration tables claim before the features are read. Table names are quoted here, never spliced raw.
 */
final class GeoPackageRepository {
    private GeoPackageRepository() {}

    record Srs(String organization, String code, String definition) {}

    record GeometryColumn(String column, String srsId) {}

    static String quoted(String table) {
        return '"' + table.replace("\"", "\"\"") + '"';
    }

    /** "table", "view" or null when the file has no such object. */
    static String objectType(Connection sqlite, String table) throws SQLException {
        try (PreparedStatement ps = sqlite.prepareStatement(Sql.get("imports/gpkg_object_type"))) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Reads the table through once; throws when SQLite cannot. */
    static void readThrough(Connection sqlite, String table) throws SQLException {
        try (PreparedStatement ps = sqlite.prepareStatement(Sql.get("imports/gpkg_count")
                .replace("/*table*/", quoted(table))); ResultSet rs = ps.executeQuery()) {
            rs.next();
        }
    }

    static Optional<GeometryColumn> geometryColumn(Connection sqlite, String table) throws SQLException {
        try (PreparedStatement ps = sqlite.prepareStatement(Sql.get("imports/gpkg_geometry_column"))) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new GeometryColumn(rs.getString(1), rs.getString(2)))
                        : Optional.empty();
            }
        }
    }

    static boolean hasColumn(Connection sqlite, String table, String column) throws SQLException {
        try (PreparedStatement ps = sqlite.prepareStatement(Sql.get("imports/gpkg_columns")
                .replace("/*table*/", quoted(table))); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (column.equalsIgnoreCase(rs.getString("name"))) {
                    return true;
                }
            }
        }
        return false;
    }

    static Optional<Srs> srs(Connection sqlite, String srsId) throws SQLException {
        try (PreparedStatement ps = sqlite.prepareStatement(Sql.get("imports/gpkg_srs"))) {
            ps.setString(1, srsId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Srs(rs.getString(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }
}

package org.gridmap.testsupport;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Direct SQL for assertions in tests (counts and spot values). */
public final class Sql {
    private Sql() {}

    public static long count(DataSource ds, String sql) {
        return ((Number) value(ds, sql)).longValue();
    }

    public static Object value(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                return null;
            }
            return rs.getObject(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The first row's columns as text (null when there is no row). */
    public static String[] row(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                return null;
            }
            String[] out = new String[rs.getMetaData().getColumnCount()];
            for (int k = 0; k < out.length; k++) {
                out[k] = rs.getString(k + 1);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of every row. */
    public static java.util.List<Object> list(DataSource ds, String sql) {
        java.util.List<Object> out = new java.util.ArrayList<>();
        for (Object[] r : rows(ds, sql)) {
            out.add(r[0]);
        }
        return out;
    }

    /** Every row's columns. */
    public static java.util.List<Object[]> rows(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            java.util.List<Object[]> out = new java.util.ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int k = 0; k < n; k++) {
                    row[k] = rs.getObject(k + 1);
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public static void exec(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A current grid and a point at least {@code insetM} metres inside it: the n-th grid (by code) under a prefix. */
    public record GridPoint(String gridCode, double lon, double lat) {}

    public static GridPoint pointInGrid(DataSource ds, String prefix, int n, double insetM, boolean lastFirst) {
        String sql = "SELECT grid_code, ST_X(p), ST_Y(p) FROM grid, ST_PointOnSurface(ST_Buffer(geom::geography, "
                + (-insetM) + ")::geometry) p WHERE valid_to IS NULL AND grid_code LIKE '" + prefix + "%' ORDER BY "
                + "grid_code" + (lastFirst ? " DESC" : "") + " OFFSET " + n + " LIMIT 1";
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no grid: " + sql);
            }
            return new GridPoint(rs.getString(1), rs.getDouble(2), rs.getDouble(3));
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}

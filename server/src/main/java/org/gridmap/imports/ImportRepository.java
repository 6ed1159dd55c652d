package org.gridmap.imports;

import org.gridmap.support.Copy;
import org.gridmap.support.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes validated rows inside the caller's transaction: COPY into a temporary staging table, reference checks
 * (sql/imports/&lt;kind&gt;_check.sql), then the upsert (sql/imports/&lt;kind&gt;_upsert.sql). Column names come
 * from the kind's fixed field catalogue, never from the file.
 */
final class ImportRepository {

    /** Rows that refer to things that do not exist; the caller rolls back. */
    static final class ReferenceErrors extends Exception {
        final List<RowValidator.RowError> errors;

        ReferenceErrors(List<RowValidator.RowError> errors) {
            super(errors.size() + " reference errors", null, false, false);
            this.errors = errors;
        }
    }

    /** Limits of the checks in the database: how far outside the district, how much of a grid inside its community. */
    record Limits(double maxOutsideDistrictM, double minGridShareInCommunity, int maxErrors) {}

    Map<String, Long> write(Connection c, ImportKind kind, List<RowValidator.Row> rows, Limits limits)
            throws SQLException, ReferenceErrors {
        int maxErrors = limits.maxErrors();
        List<Field> fields = kind.fields();
        StringBuilder ddl = new StringBuilder("CREATE TEMP TABLE stage (row_no integer");
        StringBuilder cols = new StringBuilder("stage (row_no");
        for (Field f : fields) {
            ddl.append(", \"").append(f.name()).append("\" ").append(sqlType(f));
            cols.append(", \"").append(f.name()).append('"');
        }
        if (kind.geom() != ImportKind.Geom.NONE) {
            ddl.append(", geom geometry(Geometry, 4326)");
            cols.append(", geom");
        }
        ddl.append(") ON COMMIT DROP");
        cols.append(')');
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS pg_temp.stage");
            st.execute(ddl.toString());
        }
        try (Copy copy = new Copy(c, cols.toString())) {
            for (RowValidator.Row r : rows) {
                copy.add(r.row());
                for (Field f : fields) {
                    copy.add(r.values().get(f.name()));
                }
                if (kind.geom() != ImportKind.Geom.NONE) {
                    copy.add(r.geometry());
                }
                copy.endRow();
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("ANALYZE pg_temp.stage");
        }
        List<RowValidator.RowError> errors = new ArrayList<>();
        if (kind.geom() != ImportKind.Geom.NONE) {
            check(c, "imports/stage_geometry", errors, maxErrors);
            if (kind != ImportKind.AREAS) {
                check(c, "imports/stage_outside_district", errors, maxErrors, limits.maxOutsideDistrictM(),
                        limits.maxOutsideDistrictM());
            }
        }
        String check = "imports/" + kind.apiName() + "_check";
        if (Sql.exists(check)) {
            if (kind == ImportKind.GRIDS) {
                check(c, check, errors, maxErrors, limits.minGridShareInCommunity());
            } else {
                check(c, check, errors, maxErrors);
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparingInt(RowValidator.RowError::row));
            throw new ReferenceErrors(errors);
        }
        List<String> statements = Sql.statements("imports/" + kind.apiName() + "_upsert");
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            for (int k = 0; k < statements.size() - 1; k++) {
                st.execute(statements.get(k));
            }
            try (ResultSet rs = st.executeQuery(statements.get(statements.size() - 1))) {
                rs.next();
                counts.put("inserted", rs.getLong(1));
                counts.put("updated", rs.getLong(2));
                counts.put(kind == ImportKind.FLOOD_ZONES ? "replaced" : "unchanged", rs.getLong(3));
            }
        }
        counts.put("rows", (long) rows.size());
        return counts;
    }

    /** Runs one check query over the stage; each row it returns is a row error (row, field, rule, message). */
    private static void check(Connection c, String sql, List<RowValidator.RowError> errors, int maxErrors,
                              double... params) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(Sql.get(sql))) {
            for (int k = 0; k < params.length; k++) {
                ps.setDouble(k + 1, params[k]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (errors.size() < maxErrors) {
                        errors.add(new RowValidator.RowError(rs.getInt(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), null));
                    }
                }
            }
        }
    }

    private static String sqlType(Field f) {
        return switch (f.type()) {
            case TEXT, ENUM -> "text";
            case INT -> "integer";
            case DECIMAL -> "numeric";
            case BOOL -> "boolean";
            case DATE -> "date";
        };
    }
}

package org.gridmap.imports;

import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureResultSet;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import org.gridmap.support.ProblemException;
import org.gridmap.support.ProblemTypes;
import org.gridmap.support.Texts;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBReader;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OGC GeoPackage, read with NGA's library: one feature table (or the one named by the {@code layer} option).
 * Before NGA reads the rows, the table's registration is checked against the file (OGC 12-128r18 §2.1): the table
 * listed in gpkg_contents exists and can be read (a view may be broken), its geometry column is registered in
 * gpkg_geometry_columns and present, its srs_id is defined in gpkg_spatial_ref_sys and names a CRS gridmap reads
 * (srs_id 0 and -1 are "undefined": the crs parameter must say what they are). A geometry blob that does not parse
 * is an error of its row, not of the file.
 */
final class GeoPackageSource {
    static {
        // NGA drops points that are not finite (NaN, ±Infinity) while it parses a geometry blob, by default and
        // silently: a ring then loses a vertex and a different shape would be stored. Without the filter such a
        // point reaches GeometryChecks, which refuses the row ("not a finite number").
        mil.nga.geopackage.geom.GeoPackageGeometryData.setGeometryFilter(null);
    }


    SourceData read(Path file, String layer, boolean crsDeclared) {
        GeoPackage gpkg;
        try {
            gpkg = GeoPackageManager.open(file.toFile(), false);
        } catch (RuntimeException e) {
            throw GeoJsonSource.unreadable("not a readable GeoPackage (SQLite) file: " + firstLine(e));
        }
        try (gpkg) {
            return read(gpkg, layer, crsDeclared);
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException | SQLException | StackOverflowError e) {
            throw GeoJsonSource.unreadable("the GeoPackage is damaged or not a usable feature table: " + firstLine(e));
        }
    }

    private SourceData read(GeoPackage gpkg, String layer, boolean crsDeclared) throws SQLException {
        List<String> tables;
        try {
            tables = gpkg.getFeatureTables();
        } catch (RuntimeException e) {
            throw GeoJsonSource.unreadable("the GeoPackage is damaged or truncated: " + firstLine(e));
        }
        if (tables.isEmpty()) {
            throw ProblemException.of(ProblemTypes.IMPORT_EMPTY, "No feature table",
                    "the GeoPackage has no feature tables (gpkg_contents lists none with data_type 'features')");
        }
        String table;
        if (layer != null) {
            if (!tables.contains(layer)) {
                throw ProblemException.invalidParameter("layer", "'" + layer + "' is not a feature table; the "
                        + "GeoPackage has " + names(tables));
            }
            table = layer;
        } else if (tables.size() == 1) {
            table = tables.get(0);
        } else {
            throw ProblemException.invalidParameter("layer", "is required: the GeoPackage has several feature tables "
                    + names(tables));
        }
        if (!TABLE_NAME.matcher(table).matches()) {
            throw GeoJsonSource.unreadable("the feature table name '" + Texts.excerpt(table, 60) + "' holds characters "
                    + "that cannot be read safely (quotes, brackets, semicolons, control characters); rename the table "
                    + "to letters, digits, _ or -");
        }
        Connection sqlite = gpkg.getConnection().getConnection();
        String shown = "'" + Texts.excerpt(table, 60) + "'";
        String kind = GeoPackageRepository.objectType(sqlite, table);
        if (kind == null) {
            throw GeoJsonSource.unreadable("gpkg_contents lists the feature table " + shown + ", but the file has no "
                    + "such table or view");
        }
        try {
            GeoPackageRepository.readThrough(sqlite, table);
        } catch (SQLException e) {
            throw GeoJsonSource.unreadable("the " + kind + " " + shown + " cannot be read: " + firstLine(e));
        }
        var registered = GeoPackageRepository.geometryColumn(sqlite, table);
        String column = registered.map(GeoPackageRepository.GeometryColumn::column).orElse(null);
        if (column == null) {
            throw GeoJsonSource.unreadable("the feature table " + shown + " has no geometry column registered in "
                    + "gpkg_geometry_columns");
        }
        if (!GeoPackageRepository.hasColumn(sqlite, table, column)) {
            throw GeoJsonSource.unreadable("gpkg_geometry_columns names the column '" + Texts.excerpt(column, 60)
                    + "' of " + shown + ", but the table has no such column");
        }
        String srsId = registered.get().srsId();
        SourceCrs crs = crs(sqlite, srsId, crsDeclared, shown);

        FeatureDao dao = gpkg.getFeatureDao(table);
        List<RawFeature> out = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        for (String name : dao.getColumnNames()) {
            if (!name.equalsIgnoreCase(dao.getGeometryColumnName())) {
                columns.add(name);
            }
        }
        WKBReader wkb = new WKBReader();
        FeatureResultSet rs = null;
        try {
            rs = dao.queryForAll();
            int row = 0;
            while (rs.moveToNext()) {
                row++;
                FeatureRow fr;
                try {
                    fr = rs.getRow();
                } catch (RuntimeException e) {
                    // NGA parses the geometry blob with the row: a blob that is not one is this row's error.
                    // The whole row is unreadable then: one error for it, not one per field it seems to lack.
                    out.add(new RawFeature(row, new LinkedHashMap<>(), null, null, "the row cannot be read: its "
                            + "geometry is not a GeoPackage geometry blob (" + firstLine(e) + ")"));
                    continue;
                }
                String[] names = fr.getColumnNames();
                int geomIndex = fr.getGeometryColumnIndex();
                Map<String, Object> attrs = new LinkedHashMap<>();
                for (int k = 0; k < names.length; k++) {
                    if (k != geomIndex) {
                        attrs.put(names[k], fr.getValue(k));
                    }
                }
                GeoPackageGeometryData gd;
                try {
                    gd = fr.getGeometry();
                } catch (RuntimeException e) {
                    out.add(new RawFeature(row, attrs, null, "is not a GeoPackage geometry blob: " + firstLine(e)));
                    continue;
                }
                if (gd == null || gd.isEmpty()) {
                    out.add(new RawFeature(row, attrs, null, gd == null ? null : "is empty"));
                    continue;
                }
                try {
                    Geometry g = wkb.read(gd.getWkb());
                    out.add(new RawFeature(row, attrs, g, null));
                } catch (Exception e) {
                    out.add(new RawFeature(row, attrs, null, "cannot be read: " + GeometryChecks.jtsMessage(e)));
                }
            }
        } finally {
            if (rs != null) {
                rs.close();
            }
        }
        return new SourceData("GeoPackage", out, crs, "UTF-8", columns);
    }

    /** The CRS of the geometry column's srs_id, from gpkg_spatial_ref_sys; null when the crs parameter decides. */
    private static SourceCrs crs(Connection sqlite, String srsId, boolean crsDeclared, String table)
            throws SQLException {
        if (srsId == null) {
            throw GeoJsonSource.unreadable("the geometry column of " + table + " has no srs_id");
        }
        var srs = GeoPackageRepository.srs(sqlite, srsId);
        boolean defined = srs.isPresent();
        String org = srs.map(GeoPackageRepository.Srs::organization).orElse(null);
        String code = srs.map(GeoPackageRepository.Srs::code).orElse(null);
        String definition = srs.map(GeoPackageRepository.Srs::definition).orElse(null);
        if (!defined) {
            throw ProblemException.of(ProblemTypes.IMPORT_CRS, "Undefined spatial reference system", "the geometry "
                    + "column of " + table + " uses srs_id " + Texts.excerpt(srsId, 20) + ", which "
                    + "gpkg_spatial_ref_sys does not define; the coordinates cannot be placed");
        }
        if (srsId.equals("0") || srsId.equals("-1")) {
            if (crsDeclared) {
                return null;
            }
            throw ProblemException.of(ProblemTypes.IMPORT_CRS, "Undefined spatial reference system", "the geometry "
                    + "column of " + table + " has srs_id " + srsId + " (\"undefined " + (srsId.equals("0")
                    ? "geographic" : "Cartesian") + "\"): declare the coordinate system with the crs parameter");
        }
        if (org != null && org.toUpperCase(Locale.ROOT).equals("EPSG") && code != null && code.matches("\\d{1,9}")) {
            return SourceCrs.fromEpsg(Integer.parseInt(code), "EPSG:" + code);
        }
        if (definition != null && !definition.isBlank() && !definition.strip().equalsIgnoreCase("undefined")) {
            return SourceCrs.fromPrj(definition);
        }
        if (crsDeclared) {
            return null;
        }
        throw SourceCrs.unsupported(org + ":" + code);
    }

    private static String names(List<String> tables) {
        return tables.stream().map(t -> Texts.excerpt(t, 60)).toList().toString();
    }

    /** What went wrong, in words for the person who sent the file: no library's or SQLite's internal names. */
    static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? "" : t.getMessage();
        if (m.contains("SQLITE_NOTADB") || m.contains("file is not a database")) {
            return "the file is not a SQLite database";
        }
        if (m.contains("SQLITE_CORRUPT") || m.contains("malformed")) {
            return "the SQLite database is damaged";
        }
        if (m.contains("NaN") || m.contains("Infinity")) {
            return "a coordinate is not a finite number (NaN or Infinity)";
        }
        if (m.toLowerCase(Locale.ROOT).contains("magic number")) {
            return "the bytes are not a GeoPackage geometry (no 'GP' header)";
        }
        m = m.replaceAll("\\[SQLITE_[A-Z_]+]\\s*", "").replaceAll("\\s*\\[\\d{5}-\\d+]", "")
                .replace("Data conversion error converting", "cannot convert").replaceAll("\\([^)]*(Exception|Error)[^)]*\\)", "")
                .replaceAll("\\b([a-z]+\\.)+[A-Z]\\w*(Exception|Error)\\b:?\\s*", "");
        m = m.lines().findFirst().orElse("").strip();
        if (m.isEmpty()) {
            return "it cannot be read";
        }
        return Texts.excerpt(m.length() > 200 ? m.substring(0, 200) + "…" : m, 220);
    }

    /** Table names gridmap reads: letters (Chinese too), digits, _, - and spaces. Quotes, brackets and semicolons
     *  break the library's own SQL on the file, so such a name is refused before anything is read. */
    static final java.util.regex.Pattern TABLE_NAME = java.util.regex.Pattern.compile("[\\p{L}\\p{N}_][\\p{L}\\p{N}_ -]{0,99}");
}

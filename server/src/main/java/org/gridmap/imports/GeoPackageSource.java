package org.gridmap.imports;

import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureResultSet;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import org.gridmap.support.ProblemException;
import org.gridmap.support.ProblemTypes;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** OGC GeoPackage, read with NGA's library: one feature table (or the one named by the {@code layer} option). */
final class GeoPackageSource {

    SourceData read(Path file, String layer) {
        GeoPackage gpkg;
        try {
            gpkg = GeoPackageManager.open(file.toFile(), false);
        } catch (RuntimeException e) {
            throw GeoJsonSource.unreadable("not a readable GeoPackage (SQLite) file: " + firstLine(e));
        }
        try (gpkg) {
            List<String> tables;
            try {
                tables = gpkg.getFeatureTables();
            } catch (RuntimeException e) {
                throw GeoJsonSource.unreadable("the GeoPackage is damaged or truncated: " + firstLine(e));
            }
            if (tables.isEmpty()) {
                throw ProblemException.unprocessable(ProblemTypes.IMPORT_EMPTY, "No feature table",
                        "the GeoPackage has no feature tables");
            }
            String table;
            if (layer != null) {
                if (!tables.contains(layer)) {
                    throw ProblemException.invalidParameter("layer", "'" + layer + "' is not a feature table; "
                            + "the GeoPackage has " + tables);
                }
                table = layer;
            } else if (tables.size() == 1) {
                table = tables.get(0);
            } else {
                throw ProblemException.invalidParameter("layer", "is required: the GeoPackage has several feature "
                        + "tables " + tables);
            }
            FeatureDao dao = gpkg.getFeatureDao(table);
            SpatialReferenceSystem srs = dao.getSrs();
            SourceCrs crs = null;
            if (srs != null && srs.getOrganization() != null
                    && srs.getOrganization().toUpperCase(Locale.ROOT).equals("EPSG")) {
                crs = SourceCrs.fromEpsg((int) srs.getOrganizationCoordsysId(), "EPSG:" + srs.getOrganizationCoordsysId());
            } else if (srs != null && srs.getOrganizationCoordsysId() > 0) {
                crs = SourceCrs.fromEpsg((int) srs.getOrganizationCoordsysId(), srs.getOrganization() + ":"
                        + srs.getOrganizationCoordsysId());
            }
            List<RawFeature> out = new ArrayList<>();
            List<String> columns = new ArrayList<>();
            WKBReader wkb = new WKBReader();
            FeatureResultSet rs = null;
            try {
                rs = dao.queryForAll();
                int row = 0;
                while (rs.moveToNext()) {
                    row++;
                    FeatureRow fr = rs.getRow();
                    String[] names = fr.getColumnNames();
                    int geomIndex = fr.getGeometryColumnIndex();
                    Map<String, Object> attrs = new LinkedHashMap<>();
                    for (int k = 0; k < names.length; k++) {
                        if (k != geomIndex) {
                            attrs.put(names[k], fr.getValue(k));
                            if (row == 1) {
                                columns.add(names[k]);
                            }
                        }
                    }
                    GeoPackageGeometryData gd = fr.getGeometry();
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
            } catch (ProblemException e) {
                throw e;
            } catch (RuntimeException e) {
                throw GeoJsonSource.unreadable("the GeoPackage is damaged or truncated: " + firstLine(e));
            } finally {
                if (rs != null) {
                    rs.close();
                }
            }
            return new SourceData("GeoPackage", out, crs, "UTF-8", columns);
        }
    }

    static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        m = m.lines().findFirst().orElse("");
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }
}

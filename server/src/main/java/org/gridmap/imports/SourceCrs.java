package org.gridmap.imports;

import org.gridmap.support.ProblemException;
import org.gridmap.support.ProblemTypes;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

import java.util.Locale;

/**
 * The coordinate reference systems imports accept, and their conversion to EPSG:4326 on the way in:
 * EPSG:4326 (WGS84) and EPSG:4490 (CGCS2000, equal to WGS84 at map scale) unchanged; EPSG:4550 and EPSG:4529
 * (CGCS2000 3-degree Gauss-Krüger CM 123E, without and with the zone-41 prefix) through proj4j; GCJ-02
 * through {@link Gcj02}. GCJ-02 cannot be recognised from coordinates, so it must be declared.
 */
public enum SourceCrs {
    EPSG_4326(4326, true, "EPSG:4326 (WGS84)"),
    EPSG_4490(4490, true, "EPSG:4490 (CGCS2000)"),
    EPSG_4550(4550, false, "EPSG:4550 (CGCS2000 / 3-degree Gauss-Kruger CM 123E)"),
    EPSG_4529(4529, false, "EPSG:4529 (CGCS2000 / 3-degree Gauss-Kruger zone 41)"),
    GCJ02(0, true, "GCJ-02");

    private final int epsg;
    private final boolean geographic;
    private final String label;
    private volatile CoordinateTransform toWgs84;

    SourceCrs(int epsg, boolean geographic, String label) {
        this.epsg = epsg;
        this.geographic = geographic;
        this.label = label;
    }

    public boolean geographic() {
        return geographic;
    }

    public String label() {
        return label;
    }

    /** Parses "EPSG:4550", "4550", "urn:ogc:def:crs:EPSG::4550", "CRS84", "GCJ02", "GCJ-02". */
    public static SourceCrs parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.equals("GCJ02") || t.equals("GCJ-02") || t.equals("GCJ_02")) {
            return GCJ02;
        }
        if (t.endsWith("CRS84") || t.endsWith("CRS:84")) {
            return EPSG_4326;
        }
        String digits = t.replaceAll("^.*?(\\d+)$", "$1");
        if (!digits.matches("\\d+")) {
            throw unsupported(text);
        }
        return fromEpsg(Integer.parseInt(digits), text);
    }

    public static SourceCrs fromEpsg(int code, String asGiven) {
        for (SourceCrs c : values()) {
            if (c.epsg == code && code != 0) {
                return c;
            }
        }
        throw unsupported(asGiven);
    }

    static ProblemException unsupported(String given) {
        return ProblemException.unprocessable(ProblemTypes.IMPORT_CRS, "Unsupported coordinate reference system",
                "CRS '" + given + "' is not supported; use EPSG:4326, EPSG:4490, EPSG:4550, EPSG:4529 or GCJ02 "
                        + "(declare it with the crs parameter)");
    }

    /** Converts a geometry in this CRS to EPSG:4326 in place of a copy. */
    public Geometry toWgs84(Geometry g) {
        if (this == EPSG_4326 || this == EPSG_4490) {
            Geometry copy = g.copy();
            copy.setSRID(4326);
            return copy;
        }
        Geometry copy = g.copy();
        CoordinateTransform tx = this == GCJ02 ? null : transform();
        copy.apply(new CoordinateSequenceFilter() {
            final ProjCoordinate in = new ProjCoordinate();
            final ProjCoordinate out = new ProjCoordinate();

            @Override
            public void filter(CoordinateSequence seq, int i) {
                double x = seq.getX(i);
                double y = seq.getY(i);
                double[] r;
                if (tx == null) {
                    r = Gcj02.toWgs84(x, y);
                } else {
                    in.x = x;
                    in.y = y;
                    tx.transform(in, out);
                    r = new double[] {out.x, out.y};
                }
                seq.setOrdinate(i, 0, r[0]);
                seq.setOrdinate(i, 1, r[1]);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        copy.geometryChanged();
        copy.setSRID(4326);
        return copy;
    }

    private CoordinateTransform transform() {
        CoordinateTransform t = toWgs84;
        if (t == null) {
            CRSFactory f = new CRSFactory();
            t = new CoordinateTransformFactory().createTransform(f.createFromName("EPSG:" + epsg),
                    f.createFromName("EPSG:4326"));
            toWgs84 = t;
        }
        return t;
    }

    /**
     * Reads a CRS from a Shapefile's .prj WKT (ESRI or OGC flavour): names of the supported systems, or an
     * AUTHORITY["EPSG", n] at the end of the WKT.
     */
    public static SourceCrs fromPrj(String wkt) {
        String w = wkt.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("AUTHORITY\\[\"EPSG\",\"?(\\d+)\"?\\]\\]\\s*$")
                .matcher(wkt.strip().toUpperCase(Locale.ROOT));
        if (m.find()) {
            return fromEpsg(Integer.parseInt(m.group(1)), "EPSG:" + m.group(1));
        }
        if (w.startsWith("PROJCS")) {
            if (w.contains("ZONE_41")) {
                return EPSG_4529;
            }
            if (w.contains("CM_123E") || w.contains("CGCS2000") && w.contains("CENTRAL_MERIDIAN\",123")) {
                return EPSG_4550;
            }
            throw unsupported(wkt.length() > 80 ? wkt.substring(0, 80) + "…" : wkt);
        }
        if (w.contains("CGCS_2000") || w.contains("CGCS2000") || w.contains("CHINA_GEODETIC_COORDINATE_SYSTEM_2000")) {
            return EPSG_4490;
        }
        if (w.contains("WGS_1984") || w.contains("WGS84")) {
            return EPSG_4326;
        }
        throw unsupported(wkt.length() > 80 ? wkt.substring(0, 80) + "…" : wkt);
    }
}

package org.gridmap.imports;

import org.gridmap.geo.Reproject;
import org.gridmap.support.ProblemException;
import org.gridmap.support.ProblemTypes;
import org.locationtech.jts.geom.Geometry;

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

    SourceCrs(int epsg, boolean geographic, String label) {
        this.epsg = epsg;
        this.toWgs84 = ThreadLocal.withInitial(() -> Reproject.epsg(epsg, 4326));
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
        String datum = code == 4214 || code >= 2401 && code <= 2442 || code >= 21413 && code <= 21483
                ? "Beijing 1954" : code == 4610 || code >= 2327 && code <= 2390 ? "Xian 1980"
                : code == 4555 ? "New Beijing" : null;
        if (datum != null) {
            throw otherDatum(asGiven, datum);
        }
        throw unsupported(asGiven);
    }

    static ProblemException unsupported(String given) {
        return ProblemException.of(ProblemTypes.IMPORT_CRS, "Unsupported coordinate reference system",
                "CRS '" + org.gridmap.support.Texts.excerpt(given, 120) + "' is not supported; use EPSG:4326, "
                        + "EPSG:4490, EPSG:4550, EPSG:4529 or GCJ02 (declare it with the crs parameter)");
    }

    /**
     * Beijing 1954 and Xian 1980 coordinates differ from CGCS2000 by up to ~100 m in north-east China, and the shift
     * depends on locally published 7-parameter transformations that no library here carries: reading them as CGCS2000
     * would store everything in the wrong place, so they are refused.
     */
    static ProblemException otherDatum(String given, String datum) {
        return ProblemException.of(ProblemTypes.IMPORT_CRS, "Unsupported datum", "the coordinate system '"
                + org.gridmap.support.Texts.excerpt(given, 120) + "' is on the " + datum + " datum, not CGCS2000: its "
                + "coordinates lie up to about 100 m from CGCS2000 positions, and gridmap has no official "
                + "transformation for it. Convert the data to CGCS2000 (EPSG:4490, or EPSG:4550 for Gauss-Kruger CM "
                + "123E) with the locally published parameters, then import again");
    }

    /** proj4j's transform to EPSG:4326, one per thread (it keeps state), made when first used. */
    private final ThreadLocal<Reproject.PointFunction> toWgs84;

    /** Converts a geometry in this CRS to EPSG:4326 in place of a copy. */
    public Geometry toWgs84(Geometry g) {
        if (this == EPSG_4326 || this == EPSG_4490) {
            Geometry copy = g.copy();
            copy.setSRID(4326);
            return copy;
        }
        Reproject.PointFunction f = this == GCJ02 ? (x, y, r) -> {
            double[] w = Gcj02.toWgs84(x, y);
            r[0] = w[0];
            r[1] = w[1];
        } : toWgs84.get();
        return Reproject.copy(g, f, 4326, -1);
    }


    /**
     * Reads a CRS from a Shapefile's .prj WKT (ESRI or OGC flavour): names of the supported systems, or an
     * AUTHORITY["EPSG", n] at the end of the WKT.
     */
    public static SourceCrs fromPrj(String wkt) {
        String text = wkt.strip();
        if (text.isEmpty()) {
            throw ProblemException.of(ProblemTypes.IMPORT_CRS, "Unreadable .prj", "the .prj file is empty; remove it "
                    + "and declare the crs parameter, or give a WKT coordinate system");
        }
        if (text.length() > 16_384 || text.chars().anyMatch(ch -> ch < 0x20 && ch != '\n' && ch != '\r'
                && ch != '\t' || ch >= 0x7f)) {
            throw ProblemException.of(ProblemTypes.IMPORT_CRS, "Unreadable .prj", "the .prj file is not a WKT "
                    + "coordinate system (it holds binary data or is too long); replace it, or remove it and declare "
                    + "the crs parameter");
        }
        if (!text.matches("(?s)^(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS|COMPD_CS)\\s*\\[.*\\]$")) {
            throw ProblemException.of(ProblemTypes.IMPORT_CRS, "Unreadable .prj", "the .prj file does not hold a WKT "
                    + "coordinate system (it must start with PROJCS[ or GEOGCS[); it starts '"
                    + org.gridmap.support.Texts.excerpt(text, 40) + "'");
        }
        String w = wkt.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_').replace("'", "");
        if (w.contains("GCJ_02") || w.contains("GCJ02")) {
            return GCJ02; // a .prj some Chinese tools write for 火星坐标 (the WGS 84 ellipsoid, offset coordinates)
        }
        String datum = w.contains("BEIJING_1954") || w.contains("BEIJING1954") || w.contains("BEIJING_54")
                ? "Beijing 1954" : w.contains("XIAN_1980") || w.contains("XIAN1980") || w.contains("XIAN_80")
                ? "Xian 1980" : w.contains("NEW_BEIJING") ? "New Beijing" : null;
        if (datum != null) {
            throw otherDatum(wkt.length() > 80 ? wkt.substring(0, 80) + "…" : wkt, datum);
        }
        boolean cgcsOrWgs = w.contains("CGCS_2000") || w.contains("CGCS2000")
                || w.contains("CHINA_GEODETIC_COORDINATE_SYSTEM_2000") || w.contains("WGS_1984") || w.contains("WGS84")
                || w.contains("WGS_84");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("AUTHORITY\\[\"EPSG\",\"?(\\d+)\"?\\]\\]\\s*$")
                .matcher(wkt.strip().toUpperCase(Locale.ROOT));
        if (m.find()) {
            return fromEpsg(Integer.parseInt(m.group(1)), "EPSG:" + m.group(1));
        }
        if (!cgcsOrWgs) {
            throw unsupported(wkt.length() > 80 ? wkt.substring(0, 80) + "…" : wkt);
        }
        if (w.startsWith("PROJCS")) {
            java.util.regex.Matcher fe = java.util.regex.Pattern.compile("FALSE_EASTING\",[\\s_]*([0-9.]+)").matcher(w);
            double falseEasting = fe.find() ? Double.parseDouble(fe.group(1)) : Double.NaN;
            if (w.contains("ZONE_41") && (Double.isNaN(falseEasting) || falseEasting == 41_500_000)) {
                return EPSG_4529;
            }
            if ((w.contains("CM_123E") || w.contains("CGCS2000") && w.matches("(?s).*CENTRAL_MERIDIAN\",[\\s_]*123(\\.0*)?[,\\]].*"))
                    && (Double.isNaN(falseEasting) || falseEasting == 500_000)) {
                return EPSG_4550;
            }
            if (falseEasting == 41_500_000 && w.matches("(?s).*CENTRAL_MERIDIAN\",[\\s_]*123(\\.0*)?[,\\]].*")) {
                return EPSG_4529;
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

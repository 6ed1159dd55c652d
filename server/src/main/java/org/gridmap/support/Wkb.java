package org.gridmap.support;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * Geometry moves between Java and PostGIS as EWKB: write with {@code ST_GeomFromEWKB(?)}, read
 * {@code ST_AsEWKB(geom)}. SRID travels inside the EWKB.
 */
public final class Wkb {
    public static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private Wkb() {}

    public static byte[] write(Geometry g) {
        return new WKBWriter(2, true).write(g);
    }

    public static Geometry read(byte[] ewkb) {
        if (ewkb == null) {
            return null;
        }
        try {
            return new WKBReader(WGS84).read(ewkb);
        } catch (ParseException e) {
            throw new IllegalStateException("PostGIS returned unreadable EWKB", e);
        }
    }
}

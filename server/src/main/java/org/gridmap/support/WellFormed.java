package org.gridmap.support;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/** Polygonal geometry that PostGIS and JTS can both read back: the SQL twin is gm_well_formed (V10__schema.sql). */
public final class WellFormed {
    private WellFormed() {}

    /**
     * What JTS builds without complaint but PostGIS or a later JTS read chokes on: empty parts of a collection,
     * empty interior rings, rings of fewer than 4 points (JTS allows an empty ring; a stored one breaks every later
     * computation on the row). Null when the structure is sound.
     */
    public static String problem(Geometry g) {
        for (int k = 0; k < g.getNumGeometries(); k++) {
            Geometry part = g.getGeometryN(k);
            String where = g.getNumGeometries() > 1 || g instanceof MultiPolygon ? "part " + (k + 1) + " " : "";
            if (part.isEmpty()) {
                return where.isEmpty() ? "is empty" : where + "is empty";
            }
            if (part instanceof Polygon p) {
                if (p.getExteriorRing().getNumPoints() < 4) {
                    return where + "has an outer ring of " + p.getExteriorRing().getNumPoints() + " points (at least 4)";
                }
                for (int r = 0; r < p.getNumInteriorRing(); r++) {
                    int n = p.getInteriorRingN(r).getNumPoints();
                    if (n == 0) {
                        return where + "has an empty interior ring (ring " + (r + 1) + ")";
                    }
                    if (n < 4) {
                        return where + "has an interior ring of " + n + " points (at least 4)";
                    }
                }
            }
        }
        return null;
    }

}

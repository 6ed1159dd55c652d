package org.gridmap.geo;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Moving a JTS geometry from one coordinate system to another, written once for the server (imports, the metric
 * CRS) and the sample generator. The point maths is proj4j's (or, for GCJ-02, the caller's function).
 */
public final class Reproject {
    private Reproject() {}

    /** Maps one point; writes the result into {@code out[0]}, {@code out[1]}. Need not be thread-safe. */
    @FunctionalInterface
    public interface PointFunction {
        void apply(double x, double y, double[] out);
    }

    /**
     * A proj4j transform between two EPSG systems as a point function. proj4j transforms keep state: use one per
     * thread.
     */
    public static PointFunction epsg(int from, int to) {
        CRSFactory f = new CRSFactory();
        CoordinateTransform tx = new CoordinateTransformFactory().createTransform(f.createFromName("EPSG:" + from),
                f.createFromName("EPSG:" + to));
        ProjCoordinate in = new ProjCoordinate();
        ProjCoordinate out = new ProjCoordinate();
        return (x, y, r) -> {
            in.x = x;
            in.y = y;
            tx.transform(in, out);
            r[0] = out.x;
            r[1] = out.y;
        };
    }

    /**
     * A copy of {@code g} with every coordinate mapped, tagged with {@code srid}.
     *
     * @param decimals round the results to this many decimals (7 for degrees ≈ 1 cm); negative: no rounding
     */
    public static Geometry copy(Geometry g, PointFunction f, int srid, int decimals) {
        Geometry copy = g.copy();
        double scale = decimals < 0 ? 0 : Math.pow(10, decimals);
        double[] r = new double[2];
        copy.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                f.apply(seq.getX(i), seq.getY(i), r);
                seq.setOrdinate(i, 0, scale == 0 ? r[0] : Math.round(r[0] * scale) / scale);
                seq.setOrdinate(i, 1, scale == 0 ? r[1] : Math.round(r[1] * scale) / scale);
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
        copy.setSRID(srid);
        return copy;
    }
}

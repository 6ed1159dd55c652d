package org.gridmap.support;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * The metric CRS for areas, distances and buffers (default EPSG:4550, CGCS2000 / 3-degree Gauss-Krüger CM 123E for
 * Baicheng; {@code gridmap.metric-srid}). PostGIS transforms on the way out of SQL; this brings results back to
 * EPSG:4326 for clients (proj4j agrees with PostGIS's ST_Transform to well under a millimetre).
 */
public final class MetricCrs {
    private final int srid;
    private final ThreadLocal<CoordinateTransform> toWgs84;

    public MetricCrs(int srid) {
        this.srid = srid;
        CRSFactory f = new CRSFactory();
        var src = f.createFromName("EPSG:" + srid);
        var dst = f.createFromName("EPSG:4326");
        this.toWgs84 = ThreadLocal.withInitial(() -> new CoordinateTransformFactory().createTransform(src, dst));
    }

    public int srid() {
        return srid;
    }

    /** A copy of a metric geometry in EPSG:4326, rounded to 1e-7° (about 1 cm). */
    public Geometry toWgs84(Geometry metric) {
        Geometry g = metric.copy();
        CoordinateTransform tx = toWgs84.get();
        g.apply(new CoordinateSequenceFilter() {
            final ProjCoordinate in = new ProjCoordinate();
            final ProjCoordinate out = new ProjCoordinate();

            @Override
            public void filter(CoordinateSequence seq, int i) {
                in.x = seq.getX(i);
                in.y = seq.getY(i);
                tx.transform(in, out);
                seq.setOrdinate(i, 0, Math.round(out.x * 1e7) / 1e7);
                seq.setOrdinate(i, 1, Math.round(out.y * 1e7) / 1e7);
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
        g.setSRID(4326);
        return g;
    }
}

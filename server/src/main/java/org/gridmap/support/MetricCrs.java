package org.gridmap.support;

import org.gridmap.geo.Reproject;
import org.locationtech.jts.geom.Geometry;

/**
 * The metric CRS for areas, distances and buffers (default EPSG:4550, CGCS2000 / 3-degree Gauss-Krüger CM 123E; a
 * deployment sets the zone that holds its district: {@code gridmap.deployment.metric-srid}). PostGIS transforms on
 * the way out of SQL; this brings results back to EPSG:4326 for clients (proj4j agrees with PostGIS's ST_Transform to
 * well under a millimetre).
 */
public final class MetricCrs {
    private final int srid;
    private final ThreadLocal<Reproject.PointFunction> toWgs84;
    private final ThreadLocal<Reproject.PointFunction> toMetric;

    public MetricCrs(int srid) {
        this.srid = srid;
        this.toWgs84 = ThreadLocal.withInitial(() -> Reproject.epsg(srid, 4326));
        this.toMetric = ThreadLocal.withInitial(() -> Reproject.epsg(4326, srid));
    }

    public int srid() {
        return srid;
    }

    /** A copy of a metric geometry in EPSG:4326, rounded to 1e-7° (about 1 cm). */
    public Geometry toWgs84(Geometry metric) {
        return Reproject.copy(metric, toWgs84.get(), 4326, 7);
    }

    /** A copy of an EPSG:4326 geometry (a line or polygon a user drew) in the metric CRS, rounded to 1 mm. */
    public Geometry toMetric(Geometry wgs84) {
        return Reproject.copy(wgs84, toMetric.get(), srid, 3);
    }
}

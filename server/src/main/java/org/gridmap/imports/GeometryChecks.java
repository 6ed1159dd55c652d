package org.gridmap.imports;

import io.micronaut.http.HttpStatus;
import org.gridmap.support.ServiceEnvelope;
import org.gridmap.support.ProblemException;
import org.gridmap.support.ProblemTypes;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks one geometry on its way in: type, emptiness, finite numbers, whether the coordinates fit the declared CRS
 * (degrees vs metres, swapped axes, Gauss-Krüger zone prefix), conversion to EPSG:4326, the service envelope, and
 * OGC validity with JTS's reason and location. With {@code repair}, invalid polygons are fixed by JTS's
 * {@link GeometryFixer}; the fix is reported and must stay polygonal.
 */
final class GeometryChecks {
    static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    /** The outcome: the geometry to store (EPSG:4326; MultiPolygon for polygonal kinds), or an error. */
    record Result(Geometry geometry, String rule, String message, Coordinate location, Map<String, Object> repair,
                  String dropped) {
        boolean ok() {
            return message == null;
        }

        static Result error(String rule, String message, Coordinate at) {
            return new Result(null, rule, message, at, null, null);
        }
    }

    private final ServiceEnvelope envelope;
    private final ImportConfig limits;

    GeometryChecks(ServiceEnvelope envelope, ImportConfig limits) {
        this.envelope = envelope;
        this.limits = limits;
    }

    Result check(Geometry g, SourceCrs crs, ImportKind.Geom want, boolean repair) {
        if (g.getNumPoints() > limits.maxVerticesPerFeature()) {
            throw new ProblemException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, ProblemTypes.IMPORT_LIMIT,
                    "Import limit exceeded", "a geometry has " + g.getNumPoints() + " vertices; the limit is "
                    + limits.maxVerticesPerFeature() + " per feature");
        }
        boolean polygonal = want == ImportKind.Geom.POLYGONAL || want == ImportKind.Geom.POLYGONAL_OPTIONAL;
        if (polygonal && !(g instanceof Polygon || g instanceof MultiPolygon)) {
            return Result.error("geometry_type", "must be a Polygon or MultiPolygon, not a " + g.getGeometryType(), null);
        }
        if (want == ImportKind.Geom.POINT && !(g instanceof Point || g instanceof MultiPoint && g.getNumGeometries() == 1)) {
            return Result.error("geometry_type", "must be a Point, not a " + g.getGeometryType(), null);
        }
        if (g.isEmpty()) {
            return Result.error("empty", "is empty", null);
        }
        String structure = org.gridmap.support.WellFormed.problem(g);
        if (structure != null) {
            return Result.error("malformed_geometry", structure, null);
        }
        for (Coordinate c : g.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
                return Result.error("not_a_number", "has a coordinate that is not a finite number", null);
            }
        }
        String dropped = extraOrdinates(g);
        Result crsProblem = checkAgainstCrs(g, crs);
        if (crsProblem != null) {
            return crsProblem;
        }
        Geometry w = crs.toWgs84(g);
        Envelope e = w.getEnvelopeInternal();
        if (!envelope.contains(e.getMinX(), e.getMinY()) || !envelope.contains(e.getMaxX(), e.getMaxY())) {
            if (envelope.contains(e.getMinY(), e.getMinX()) && envelope.contains(e.getMaxY(), e.getMaxX())) {
                return Result.error("axis_order", "has its axes swapped: the values read as (latitude, longitude), "
                        + "but the order must be (longitude, latitude)", g.getCoordinate());
            }
            Coordinate outside = firstOutside(w);
            return Result.error("outside_service_area", String.format("lies outside the service envelope %s "
                    + "(a coordinate converts to %.6f, %.6f); check the CRS", envelope.describe(), outside.x,
                    outside.y), outside);
        }
        Map<String, Object> repaired = null;
        if (polygonal) {
            TopologyValidationError err = new IsValidOp(w).getValidationError();
            if (err != null) {
                Coordinate at = err.getCoordinate();
                if (!repair) {
                    return Result.error("invalid_geometry", "is not valid: " + err.getMessage()
                            + (at == null ? "" : String.format(" at (%.7f %.7f)", at.x, at.y))
                            + "; fix it, or import with repair=true", at);
                }
                Geometry fixed = GeometryFixer.fix(w, false);
                List<Polygon> parts = new ArrayList<>();
                for (int k = 0; k < fixed.getNumGeometries(); k++) {
                    if (fixed.getGeometryN(k) instanceof Polygon p && !p.isEmpty()) {
                        parts.add(p);
                    } else if (!fixed.getGeometryN(k).isEmpty()) {
                        return Result.error("invalid_geometry", "is not valid (" + err.getMessage() + ") and cannot "
                                + "be repaired into a polygon", at);
                    }
                }
                if (parts.isEmpty()) {
                    return Result.error("invalid_geometry", "is not valid (" + err.getMessage() + ") and collapses "
                            + "to nothing when repaired", at);
                }
                Geometry after = WGS84.createMultiPolygon(parts.toArray(Polygon[]::new));
                repaired = new LinkedHashMap<>();
                repaired.put("repair", "geometry_fixed");
                repaired.put("problem", err.getMessage());
                if (at != null) {
                    repaired.put("at", List.of(at.x, at.y));
                }
                repaired.put("area_before_m2", Math.round(areaM2(w)));
                repaired.put("area_after_m2", Math.round(areaM2(after)));
                repaired.put("parts_before", w.getNumGeometries());
                repaired.put("parts_after", after.getNumGeometries());
                w = after;
            }
            if (w instanceof Polygon p) {
                w = WGS84.createMultiPolygon(new Polygon[] {p});
            }
        } else if (w instanceof MultiPoint mp) {
            w = mp.getGeometryN(0);
        }
        w.setSRID(4326);
        return new Result(w, null, null, null, repaired, dropped);
    }

    /** "z", "m", "z and m" when the geometry carries ordinates beyond x and y (dropped on the way in), else null. */
    static String extraOrdinates(Geometry g) {
        boolean[] zm = new boolean[2];
        g.apply(new org.locationtech.jts.geom.CoordinateSequenceFilter() {
            @Override
            public void filter(org.locationtech.jts.geom.CoordinateSequence seq, int i) {
                if (seq.hasZ() && !Double.isNaN(seq.getZ(i))) {
                    zm[0] = true;
                }
                if (seq.hasM() && !Double.isNaN(seq.getM(i))) {
                    zm[1] = true;
                }
            }

            @Override
            public boolean isDone() {
                return zm[0] && zm[1];
            }

            @Override
            public boolean isGeometryChanged() {
                return false;
            }
        });
        return zm[0] && zm[1] ? "z and m" : zm[0] ? "z" : zm[1] ? "m" : null;
    }

    /** Catches coordinates that cannot be in the declared CRS, and says which CRS they look like. */
    private Result checkAgainstCrs(Geometry g, SourceCrs crs) {
        Envelope e = g.getEnvelopeInternal();
        double maxAbsX = Math.max(Math.abs(e.getMinX()), Math.abs(e.getMaxX()));
        double maxAbsY = Math.max(Math.abs(e.getMinY()), Math.abs(e.getMaxY()));
        if (crs.geographic()) {
            if (maxAbsY > 90 && maxAbsX <= 90 && crs != SourceCrs.GCJ02
                    && envelope.contains(e.getMinY(), e.getMinX()) && envelope.contains(e.getMaxY(), e.getMaxX())) {
                return Result.error("axis_order", "has its axes swapped: the values read as (latitude, longitude), "
                        + "but the order must be (longitude, latitude)", g.getCoordinate());
            }
            if (maxAbsX > 180 || maxAbsY > 90) {
                if (maxAbsX > 1000 && maxAbsY > 1000) {
                    String guess = e.getMinX() > 41_000_000 && e.getMaxX() < 42_000_000 ? "EPSG:4529"
                            : "a projected CRS such as EPSG:4550";
                    return Result.error("crs_mismatch", String.format("has coordinates in metres (%.1f, %.1f) but "
                            + "the file is read as %s; declare crs=%s", g.getCoordinate().x, g.getCoordinate().y,
                            crs.label(), guess), g.getCoordinate());
                }
                return Result.error("coordinate_range", String.format("has a coordinate out of range for "
                        + "longitude/latitude (%.6f, %.6f)", e.getMaxX(), e.getMaxY()), g.getCoordinate());
            }
            return null;
        }
        if (maxAbsX <= 180 && maxAbsY <= 90) {
            return Result.error("crs_mismatch", "has coordinates in degrees but the CRS is declared as " + crs.label()
                    + "; declare crs=EPSG:4326 or EPSG:4490", g.getCoordinate());
        }
        boolean zonePrefixed = e.getMinX() > 41_000_000 && e.getMaxX() < 42_000_000;
        if (crs == SourceCrs.EPSG_4550 && zonePrefixed) {
            return Result.error("crs_mismatch", "has eastings with the zone-41 prefix (41xxxxxx): declare "
                    + "crs=EPSG:4529, not EPSG:4550", g.getCoordinate());
        }
        if (crs == SourceCrs.EPSG_4529 && !zonePrefixed) {
            return Result.error("crs_mismatch", "has eastings without the zone-41 prefix: declare crs=EPSG:4550, "
                    + "not EPSG:4529", g.getCoordinate());
        }
        return null;
    }

    private Coordinate firstOutside(Geometry w) {
        for (Coordinate c : w.getCoordinates()) {
            if (!envelope.contains(c.x, c.y)) {
                return c;
            }
        }
        return w.getCoordinate();
    }

    /** Approximate area in m² of a lon/lat geometry (local equirectangular scale; for repair reports only). */
    static double areaM2(Geometry g) {
        double lat = g.getCentroid().getY();
        return g.getArea() * 111_320.0 * 111_320.0 * Math.cos(Math.toRadians(lat));
    }

    /** JTS's message for a geometry it could not build, without class names. */
    static String jtsMessage(Exception e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 300; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank()) {
                if (!b.isEmpty()) {
                    b.append(": ");
                }
                b.append(m.lines().findFirst().orElse(m).replaceAll("\\.$", ""));
            }
        }
        return b.isEmpty() ? e.getClass().getSimpleName() : b.toString();
    }
}

package org.gridmap.imports;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Set;

/**
 * The shape of a GeoJSON geometry object (RFC 7946 §3.1), checked before JTS builds anything, so that every way a
 * geometry can parse as JSON yet be wrong is named with its place: a position with 1 or 4+ numbers, a geometry mixing
 * 2- and 3-number positions, an empty ring or part, a ring with fewer than 4 positions or not closed, a LineString
 * of one position, members of the wrong kind. JTS's reader accepts several of these silently (an empty interior
 * ring, x/y/z/m positions), and PostGIS stores them; later computations then fail on the stored row.
 */
final class GeoJsonShape {
    private static final Set<String> TYPES = Set.of("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
            "MultiPolygon", "GeometryCollection");

    /** What the check found: an error to refuse the row with (null when the shape is sound). */
    record Outcome(String error) {}

    private int dimension;   // 0 until the first position, then 2 or 3
    private String error;

    private GeoJsonShape() {}

    static Outcome check(JsonNode geometry) {
        GeoJsonShape s = new GeoJsonShape();
        s.geometry(geometry, "", 0);
        return new Outcome(s.error);
    }

    private void geometry(JsonNode g, String where, int depth) {
        if (error != null) {
            return;
        }
        if (!g.isObject()) {
            fail(where, "must be a GeoJSON geometry object");
            return;
        }
        JsonNode typeNode = g.get("type");
        String type = typeNode == null || !typeNode.isTextual() ? null : typeNode.textValue();
        if (type == null || !TYPES.contains(type)) {
            fail(where, "has type " + (type == null ? "missing" : "'" + type + "'") + "; a geometry type is one of "
                    + "Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection");
            return;
        }
        if (type.equals("GeometryCollection")) {
            JsonNode gs = g.get("geometries");
            if (gs == null || !gs.isArray()) {
                fail(where, "is a GeometryCollection without a \"geometries\" array");
                return;
            }
            if (depth > 0) {
                fail(where, "nests a GeometryCollection in a GeometryCollection (RFC 7946 §3.1.8 advises against it)");
                return;
            }
            int k = 0;
            for (JsonNode part : gs) {
                geometry(part, where + "geometry " + (++k) + " of the collection: ", depth + 1);
            }
            return;
        }
        JsonNode c = g.get("coordinates");
        if (c == null || !c.isArray()) {
            fail(where, "is a " + type + " without a \"coordinates\" array");
            return;
        }
        switch (type) {
            case "Point" -> {
                if (!c.isEmpty()) {
                    position(c, where + "the point");
                }
            }
            case "MultiPoint" -> eachArray(c, where, "point", this::position);
            case "LineString" -> line(c, where + "the line");
            case "MultiLineString" -> eachArray(c, where, "line", this::line);
            case "Polygon" -> polygon(c, where + "");
            case "MultiPolygon" -> {
                int k = 0;
                for (JsonNode p : c) {
                    k++;
                    if (!p.isArray()) {
                        fail(where, "part " + k + " of the MultiPolygon is not an array of rings");
                        return;
                    }
                    if (p.isEmpty()) {
                        fail(where, "part " + k + " of the MultiPolygon is empty");
                        return;
                    }
                    polygon(p, where + "part " + k + ": ");
                }
            }
            default -> throw new IllegalStateException(type);
        }
    }

    private interface Part {
        void check(JsonNode node, String where);
    }

    private void eachArray(JsonNode c, String where, String what, Part part) {
        int k = 0;
        for (JsonNode x : c) {
            k++;
            if (error != null) {
                return;
            }
            part.check(x, where + what + " " + k);
        }
    }

    private void polygon(JsonNode rings, String where) {
        int k = 0;
        for (JsonNode ring : rings) {
            k++;
            String name = where + (k == 1 ? "the outer ring" : "interior ring " + (k - 1));
            if (!ring.isArray()) {
                fail(name, " is not an array of positions");
                return;
            }
            if (ring.isEmpty()) {
                fail(name, " is empty (a ring needs at least 4 positions)");
                return;
            }
            if (ring.size() < 4) {
                fail(name, " has " + ring.size() + " position(s); a ring needs at least 4 (the last repeating the "
                        + "first)");
                return;
            }
            int j = 0;
            for (JsonNode p : ring) {
                position(p, name + ", position " + (++j));
                if (error != null) {
                    return;
                }
            }
            if (!samePosition(ring.get(0), ring.get(ring.size() - 1))) {
                fail(name, " is not closed: its last position differs from its first");
                return;
            }
        }
    }

    private void line(JsonNode positions, String where) {
        if (!positions.isArray()) {
            fail(where, " is not an array of positions");
            return;
        }
        if (positions.size() < 2) {
            fail(where, " has " + positions.size() + " position(s); a line needs at least 2");
            return;
        }
        int j = 0;
        for (JsonNode p : positions) {
            position(p, where + ", position " + (++j));
        }
    }

    private void position(JsonNode p, String where) {
        if (error != null) {
            return;
        }
        if (!p.isArray()) {
            fail(where, " is not a position (an array of 2 or 3 numbers)");
            return;
        }
        int n = p.size();
        for (Iterator<JsonNode> it = p.elements(); it.hasNext(); ) {
            JsonNode v = it.next();
            if (!v.isNumber()) {
                fail(where, " holds something other than numbers");
                return;
            }
            if (!Double.isFinite(v.doubleValue())) {
                fail(where, " holds a number that is not finite (" + v.asText() + ")");
                return;
            }
        }
        if (n < 2) {
            fail(where, " has " + n + " number(s); a position is longitude, latitude and optionally height");
            return;
        }
        if (n > 3) {
            fail(where, " has " + n + " numbers (x, y, z, m…); GeoJSON positions have 2 or 3 (RFC 7946 §3.1.1) and "
                    + "measures are not accepted");
            return;
        }
        if (dimension == 0) {
            dimension = n;
        } else if (dimension != n) {
            fail(where, " has " + n + " numbers but earlier positions have " + dimension + ": one geometry must not "
                    + "mix 2D and 3D positions");
        }
    }

    private static boolean samePosition(JsonNode a, JsonNode b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int k = 0; k < a.size(); k++) {
            if (a.get(k).doubleValue() != b.get(k).doubleValue()) {
                return false;
            }
        }
        return true;
    }

    private void fail(String where, String what) {
        if (error == null) {
            error = (where + what).strip();
        }
    }
}

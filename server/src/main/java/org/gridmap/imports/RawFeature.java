package org.gridmap.imports;

import org.locationtech.jts.geom.Geometry;

import java.util.Map;

/**
 * One record as a file gives it: its row number (feature index from 1, or the CSV line), attributes by the file's
 * own names, and the geometry in the file's CRS (null when absent). {@code geometryError} is set when the file's
 * geometry could not even be read (an unclosed ring, a string where a number belongs); {@code rowError} when the
 * record itself is broken (a CSV line with the wrong number of values).
 */
record RawFeature(int row, Map<String, Object> attributes, Geometry geometry, String geometryError, String rowError) {
    RawFeature(int row, Map<String, Object> attributes, Geometry geometry, String geometryError) {
        this(row, attributes, geometry, geometryError, null);
    }
}

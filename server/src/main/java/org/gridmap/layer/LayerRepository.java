package org.gridmap.layer;

import jakarta.inject.Singleton;
import org.gridmap.support.Db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

/**
 * The feature queries over the catalogue's views (tiles have their own in {@link TileService}). Identifiers come
 * from the catalogue; every value is bound.
 */
@Singleton
class LayerRepository {
    /** One feature: its id, its properties as a JSON object, its geometry as GeoJSON. */
    record Row(String id, String propertiesJson, String geometryJson) {}

    record Page(List<Row> rows, long matched) {}

    private final Db db;

    LayerRepository(Db db) {
        this.db = db;
    }

    /**
     * One vector tile of a layer, made by PostGIS (ST_AsMVT / ST_AsMVTGeom in Web Mercator, 4096 extent, 64 px
     * buffer), uncached.
     *
     * @param scopeLike the caller's area as a LIKE pattern, for layers cut to the caller's area (ignored otherwise)
     * @return the MVT bytes, or null for an empty tile
     */
    byte[] tile(Layer layer, int z, int x, int y, String scenario, String scopeLike) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(tileSql(layer))) {
                int k = 1;
                ps.setString(k++, layer.id());
                for (int rep = 0; rep < 2; rep++) {
                    ps.setInt(k++, z);
                    ps.setInt(k++, x);
                    ps.setInt(k++, y);
                }
                if (layer.scenario() == Layer.Scenario.REQUIRED) {
                    ps.setString(k++, scenario);
                }
                if (!layer.isPublic()) {
                    ps.setString(k, scopeLike);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBytes(1);
                }
            }
        });
    }

    /** The tile query of a layer (sql/layer/tile.sql with the layer's view and columns); identifiers from the catalogue. */
    static String tileSql(Layer l) {
        StringBuilder props = new StringBuilder();
        for (String p : l.properties().keySet()) {
            props.append(", t.").append(p);
        }
        return org.gridmap.support.Sql.get("layer/tile").replace("/*columns*/", props).replace("/*view*/", l.view())
                .replace("/*scenario*/", l.scenario() == Layer.Scenario.REQUIRED ? " AND t.scenario = ?" : "")
                .replace("/*scope*/", l.isPublic() ? "" : " AND t." + l.scope() + " LIKE ?");
    }

    /** A layer's published properties, from its view's columns: name → JSON type (string, integer, number, boolean). */
    Map<String, String> properties(Layer l) {
        return db.read(c -> {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(org.gridmap.support.Sql.get("layer/view_columns"))) {
                ps.setString(1, l.view());
                ps.setString(2, l.scope());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), jsonType(rs.getString(2)));
                    }
                }
            }
            if (out.isEmpty()) {
                throw new IllegalStateException("layer " + l.id() + ": view " + l.view() + " has no columns to publish");
            }
            return out;
        });
    }

    static String jsonType(String sqlType) {
        return switch (sqlType) {
            case "integer", "bigint", "smallint" -> "integer";
            case "numeric", "double precision", "real" -> "number";
            case "boolean" -> "boolean";
            default -> "string";
        };
    }

    /** A layer's data version: the sum of its tables' versions (db/migration/R__50_layers.sql). */
    long version(Layer l) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(org.gridmap.support.Sql.get("layer/version"))) {
                ps.setArray(1, c.createArrayOf("text", l.tables().toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Every table's data version (for {@link DataVersions}), on the given connection or a pooled one. */
    Map<String, Long> versions(java.sql.Connection c) throws java.sql.SQLException {
        Map<String, Long> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(org.gridmap.support.Sql.get("layer/versions"));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    Map<String, Long> versions() {
        return db.read(this::versions);
    }

    /** Subscribes a connection to the data versions' notices. */
    void listenVersions(java.sql.Connection c) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(org.gridmap.support.Sql.get("layer/listen_versions"))) {
            ps.execute();
        }
    }

    /** The scenario code tile URLs should carry: {@code asked} if it exists, else the default one; empty if none. */
    java.util.Optional<String> scenarioForTiles(String asked) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(org.gridmap.support.Sql.get("layer/scenario_for_tiles"))) {
                ps.setString(1, asked);
                ps.setString(2, asked);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
                }
            }
        });
    }

    /** The layer's extent in lon/lat: {minLon, minLat, maxLon, maxLat}; empty when the layer has no features. */
    java.util.Optional<double[]> extent(Layer l) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(filled("layer/extent", l, "")); ResultSet rs = ps.executeQuery()) {
                rs.next();
                double x0 = rs.getDouble(1);
                return rs.wasNull() ? java.util.Optional.<double[]>empty()
                        : java.util.Optional.of(new double[] {x0, rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)});
            }
        });
    }

    /**
     * A page of features ordered by id, with the number matched.
     *
     * @param bbox    {minLon, minLat, maxLon, maxLat} or null
     * @param equals  published property → the text value it must have (names from the layer's definition only)
     */
    Page page(Layer l, double[] bbox, Map<String, String> equals, int limit, int offset) {
        StringBuilder filters = new StringBuilder();
        List<Object> args = new java.util.ArrayList<>();
        args.add(bbox == null ? null : bbox[0]);
        for (int k = 0; k < 4; k++) {
            args.add(bbox == null ? null : bbox[k]);
        }
        for (Map.Entry<String, String> e : equals.entrySet()) {
            if (!l.properties().containsKey(e.getKey())) {
                throw new IllegalArgumentException("not a property of " + l.id() + ": " + e.getKey());
            }
            filters.append(" AND t.").append(e.getKey()).append("::text = ?");
            args.add(e.getValue());
        }
        return db.read(c -> {
            java.util.ArrayList<Row> rows = new java.util.ArrayList<>();
            long matched = -1;
            try (PreparedStatement ps = c.prepareStatement(filled("layer/items", l, filters.toString()))) {
                int i = bind(ps, args);
                ps.setInt(i++, limit);
                ps.setInt(i, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3)));
                        matched = rs.getLong(4);
                    }
                }
            }
            if (matched < 0) { // past the last page: the window count is not there, count on its own
                try (PreparedStatement ps = c.prepareStatement(filled("layer/items_count", l, filters.toString()))) {
                    bind(ps, args);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        matched = rs.getLong(1);
                    }
                }
            }
            return new Page(rows, matched);
        });
    }

    Row one(Layer l, String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(filled("layer/item", l, ""))) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Row(rs.getString(1), rs.getString(2), rs.getString(3)) : null;
                }
            }
        });
    }

    /** A layer statement with the view, its published properties and the filters put in from its definition. */
    private static String filled(String sql, Layer l, String filters) {
        StringBuilder props = new StringBuilder();
        int k = 0;
        for (String p : l.properties().keySet()) {
            props.append(k++ > 0 ? ", " : "").append("'").append(p).append("', t.").append(p);
        }
        return org.gridmap.support.Sql.get(sql).replace("/*properties*/", props).replace("/*view*/", l.view())
                .replace("/*filters*/", filters);
    }

    private static int bind(PreparedStatement ps, List<Object> args) throws java.sql.SQLException {
        int i = 1;
        for (Object a : args) {
            ps.setObject(i++, a);
        }
        return i;
    }
}

package org.gridmap.layer;

import jakarta.inject.Singleton;
import org.gridmap.support.Db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

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

    /** The layer's extent in lon/lat: {minLon, minLat, maxLon, maxLat}; the service envelope when it is empty. */
    double[] extent(Layer l) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
                    + "(SELECT ST_Extent(geom) AS e FROM " + l.view() + ") x"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                double x0 = rs.getDouble(1);
                return rs.wasNull() ? new double[] {121.5, 44.1, 124.5, 46.4}
                        : new double[] {x0, rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
            }
        });
    }

    /**
     * A page of features ordered by id.
     *
     * @param where SQL conditions on alias {@code t} built from catalogue names, with {@code ?} for {@code args}
     */
    Page page(Layer l, String where, List<Object> args, int limit, int offset) {
        String sql = select(l) + ", count(*) OVER () FROM " + l.view() + " t" + where + " ORDER BY t.id LIMIT ? OFFSET ?";
        return db.read(c -> {
            java.util.ArrayList<Row> rows = new java.util.ArrayList<>();
            long matched = -1;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
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
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + l.view() + " t" + where)) {
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
            try (PreparedStatement ps = c.prepareStatement(select(l) + " FROM " + l.view() + " t WHERE t.id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Row(rs.getString(1), rs.getString(2), rs.getString(3)) : null;
                }
            }
        });
    }

    private static String select(Layer l) {
        StringBuilder props = new StringBuilder("json_build_object(");
        int k = 0;
        for (String p : l.properties().keySet()) {
            props.append(k++ > 0 ? ", " : "").append("'").append(p).append("', t.").append(p);
        }
        return "SELECT t.id, " + props + ")::text, ST_AsGeoJSON(t.geom, 7)";
    }

    private static int bind(PreparedStatement ps, List<Object> args) throws java.sql.SQLException {
        int i = 1;
        for (Object a : args) {
            ps.setObject(i++, a);
        }
        return i;
    }
}

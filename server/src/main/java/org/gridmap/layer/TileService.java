package org.gridmap.layer;

import jakarta.inject.Singleton;
import org.gridmap.security.Caller;
import org.gridmap.support.Db;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mapbox Vector Tiles made by PostGIS (ST_AsMVT / ST_AsMVTGeom in Web Mercator, 4096 extent, 64 px buffer), cached
 * in memory under the data version (layer_version), which every write bumps in its own transaction: a cached tile is
 * never older than the data a reader can see.
 */
@Singleton
public class TileService {
    public record Tile(byte[] bytes, String etag) {}

    private static final long CACHE_BYTES = 256L << 20;
    private final Db db;
    private final Map<String, Tile> cache = new LinkedHashMap<>(1024, 0.75f, true);
    private long cachedBytes;

    public TileService(Db db) {
        this.db = db;
    }

    /** Empties the cache (benchmarks measure cold tiles with it). */
    public void clear() {
        synchronized (cache) {
            cache.clear();
            cachedBytes = 0;
        }
    }

    public long dataVersion() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT version FROM layer_version");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** @return the tile (possibly empty bytes) for a layer the caller may see */
    public Tile tile(Layer layer, int z, int x, int y, String scenario, Caller caller) {
        long version = dataVersion();
        String scope = layer.isPublic() ? "" : caller.area();
        String key = layer.id() + "/" + z + "/" + x + "/" + y + "?" + (scenario == null ? "" : scenario) + "&" + scope
                + "@" + version;
        synchronized (cache) {
            Tile t = cache.get(key);
            if (t != null) {
                return t;
            }
        }
        byte[] bytes = render(layer, z, x, y, scenario, layer.isPublic() ? null : scope + "%");
        Tile t = new Tile(bytes == null ? new byte[0] : bytes, etag(key));
        synchronized (cache) {
            cache.put(key, t);
            cachedBytes += t.bytes().length;
            var it = cache.entrySet().iterator();
            while (cachedBytes > CACHE_BYTES && it.hasNext()) {
                cachedBytes -= it.next().getValue().bytes().length;
                it.remove();
            }
        }
        return t;
    }

    /**
     * Runs the tile query on the database, uncached.
     *
     * @param scopeLike the caller's area as a LIKE pattern, for layers cut to the caller's area (ignored otherwise)
     * @return the MVT bytes, or null for an empty tile
     */
    public byte[] render(Layer layer, int z, int x, int y, String scenario, String scopeLike) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql(layer))) {
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

    /** The tile query of a layer; identifiers from the catalogue only. Parameters: layer name, z/x/y twice, filters. */
    static String sql(Layer l) {
        StringBuilder props = new StringBuilder();
        for (String p : l.properties().keySet()) {
            props.append(", t.").append(p);
        }
        return "SELECT ST_AsMVT(q, ?, 4096, 'geom', 'fid') FROM (SELECT abs(hashtext(t.id)::bigint) AS fid" + props
                + ", ST_AsMVTGeom(ST_Transform(t.geom, 3857), ST_TileEnvelope(?, ?, ?), 4096, 64, true) AS geom "
                + "FROM " + l.view() + " t WHERE t.geom && ST_Transform(ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096), "
                + "4326)" + (l.scenario() == Layer.Scenario.REQUIRED ? " AND t.scenario = ?" : "")
                + (l.isPublic() ? "" : " AND t." + l.scope() + " LIKE ?") + ") q WHERE q.geom IS NOT NULL";
    }

    private static String etag(String key) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes()), 0, 12)
                    + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.gridmap.layer;

import jakarta.inject.Singleton;
import org.gridmap.security.Caller;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mapbox Vector Tiles made by PostGIS (ST_AsMVT / ST_AsMVTGeom in Web Mercator, 4096 extent, 64 px buffer), cached
 * in memory under the layer's data version (the versions of the tables it reads, which every write bumps in its own
 * transaction): a cached tile is never older than the data a reader can see, and a write to one table invalidates
 * only the tiles of the layers that read it. The versions are kept in memory ({@link DataVersions}), so a cached tile
 * costs no query.
 */
@Singleton
public class TileService {
    public record Tile(byte[] bytes, String etag) {}

    private static final long CACHE_BYTES = 256L << 20;
    private final LayerRepository repository;
    private final DataVersions versions;
    private final Map<String, Tile> cache = new LinkedHashMap<>(1024, 0.75f, true);
    private long cachedBytes;

    public TileService(LayerRepository repository, DataVersions versions) {
        this.repository = repository;
        this.versions = versions;
    }

    /** @return the tile (possibly empty bytes) for a layer the caller may see */
    public Tile tile(Layer layer, int z, int x, int y, String scenario, Caller caller) {
        long version = versions.of(layer);
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
        return repository.tile(layer, z, x, y, scenario, scopeLike);
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

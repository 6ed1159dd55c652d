package org.gridmap.layer;

import java.util.List;
import java.util.Map;

/**
 * One map layer: a view (R__50_layers.sql) with an id column and a geometry, the properties it publishes (its other
 * columns: name → JSON type, read from the view by {@link LayerCatalog}), its zoom range, whether it depends on a
 * flood scenario, who may see it, and the tables it reads (their data versions make the layer's version). Layers are
 * contributed by their features ({@link LayerSource}); identifiers come only from these definitions, never from a
 * request.
 *
 * @param order  where the layer stands in listings (tiles index, OGC collections)
 * @param scope  column holding the grid/community code the caller's area must cover, or null for public layers
 * @param tables the tables the view reads: a write to any of them changes the layer's version
 */
public record Layer(String id, String titleZh, String titleEn, String view, String geometryType, int order,
                    int minZoom, int maxZoom, Scenario scenario, String scope, List<String> tables,
                    Map<String, String> properties) {

    public enum Scenario { NONE, REQUIRED }

    /** A layer definition, its properties still to be read from the view. */
    public static Layer define(String id, String titleZh, String titleEn, String view, String geometryType, int order,
                               int minZoom, int maxZoom, Scenario scenario, String scope, String... tables) {
        return new Layer(id, titleZh, titleEn, view, geometryType, order, minZoom, maxZoom, scenario, scope,
                List.of(tables), Map.of());
    }

    Layer withProperties(Map<String, String> props) {
        return new Layer(id, titleZh, titleEn, view, geometryType, order, minZoom, maxZoom, scenario, scope, tables,
                props);
    }

    /** Collections offered through OGC API – Features: the public ones. */
    public boolean isFeatureCollection() {
        return isPublic();
    }

    public boolean isPublic() {
        return scope == null;
    }
}

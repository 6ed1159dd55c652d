package org.gridmap.layer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One map layer: a view (db/migration/V6__layers.sql) with an id column, the properties it publishes (name → JSON
 * type), its zoom range, whether it depends on a flood scenario, and who may see it. Identifiers come only from this
 * catalogue, never from a request.
 *
 * @param scope column holding the grid/community code the caller's area must cover, or null for public layers
 */
public record Layer(String id, String titleZh, String titleEn, String view, String geometryType,
                    Map<String, String> properties, int minZoom, int maxZoom, Scenario scenario, String scope) {

    public enum Scenario { NONE, REQUIRED }

    /** Collections offered through OGC API – Features: the public ones. */
    public boolean isFeatureCollection() {
        return isPublic();
    }

    public boolean isPublic() {
        return scope == null;
    }

    static Map<String, String> props(String... nameType) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int k = 0; k < nameType.length; k += 2) {
            m.put(nameType[k], nameType[k + 1]);
        }
        return m;
    }
}

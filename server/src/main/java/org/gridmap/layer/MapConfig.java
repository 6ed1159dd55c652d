package org.gridmap.layer;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The web map's basemap ({@code gridmap.map.*}). None by default, so the map works with no internet.
 *
 * @param basemapUrl         a raster tile URL with {z}/{x}/{y} (e.g. Tianditu or an internal tile server); empty:
 *                           no basemap
 * @param basemapAttribution the attribution the basemap's licence asks for, shown in the map's corner
 */
@ConfigurationProperties("gridmap.map")
public record MapConfig(@Nullable @Bindable(defaultValue = "") String basemapUrl,
                        @Nullable @Bindable(defaultValue = "") String basemapAttribution) {
    public boolean hasBasemap() {
        return basemapUrl != null && !basemapUrl.isBlank();
    }
}

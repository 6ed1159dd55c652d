package org.gridmap.layer;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the web map needs before login: the optional basemap (none by default: works offline) and the start view. */
@Controller("/config.json")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
class MapConfigController {
    private final String basemapUrl;
    private final String basemapAttribution;

    MapConfigController(@Value("${gridmap.map.basemap-url:}") String basemapUrl,
                        @Value("${gridmap.map.basemap-attribution:}") String basemapAttribution) {
        this.basemapUrl = basemapUrl;
        this.basemapAttribution = basemapAttribution;
    }

    @Get
    Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("basemap_url", basemapUrl.isBlank() ? null : basemapUrl);
        m.put("basemap_attribution", basemapAttribution);
        m.put("center", new double[] {45.62, 122.84});
        m.put("zoom", 13);
        m.put("max_zoom", 19);
        return m;
    }
}

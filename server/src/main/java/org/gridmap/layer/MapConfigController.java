package org.gridmap.layer;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import org.gridmap.support.Deployment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the web map needs before login: the optional basemap (none by default: works offline), the district the
 * installation serves and the start view (a point inside the district, from the data).
 */
@Controller("/config.json")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
class MapConfigController {
    private final MapConfig map;
    private final Deployment deployment;

    MapConfigController(MapConfig map, Deployment deployment) {
        this.map = map;
        this.deployment = deployment;
    }

    @Get
    Map<String, Object> config() {
        Deployment.District d = deployment.district();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("basemap_url", map.hasBasemap() ? map.basemapUrl() : null);
        m.put("basemap_attribution", map.basemapAttribution() == null ? "" : map.basemapAttribution());
        m.put("district_code", d.districtCode());
        m.put("district_name", d.name());
        m.put("center", new double[] {d.centre()[1], d.centre()[0]}); // Leaflet order: lat, lon
        m.put("bounds", new double[][] {{d.extent()[1], d.extent()[0]}, {d.extent()[3], d.extent()[2]}});
        m.put("zoom", 13);
        m.put("max_zoom", 19);
        return m;
    }
}

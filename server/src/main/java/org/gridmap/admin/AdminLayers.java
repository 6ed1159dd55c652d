package org.gridmap.admin;

import jakarta.inject.Singleton;
import org.gridmap.layer.Layer;
import org.gridmap.layer.LayerSource;

import java.util.List;

/** The district's frame on the map: 行政区划 and rivers and lakes. */
@Singleton
class AdminLayers implements LayerSource {
    @Override
    public List<Layer> layers() {
        return List.of(
                Layer.define("admin_areas", "行政区划", "Administrative areas", "layer_admin_areas", "MultiPolygon", 10, 8,
                        18, Layer.Scenario.NONE, null, "admin_area"),
                Layer.define("waters", "河流湖泊", "Rivers and lakes", "layer_waters", "Geometry", 70, 6, 18,
                        Layer.Scenario.NONE, null, "water_feature"));
    }
}

package org.gridmap.grid;

import jakarta.inject.Singleton;
import org.gridmap.layer.Layer;
import org.gridmap.layer.LayerSource;

import java.util.List;

/** 网格 with their households and band status (the band is the deployment's setting). */
@Singleton
class GridLayers implements LayerSource {
    @Override
    public List<Layer> layers() {
        return List.of(Layer.define("grids", "网格", "Grids", "layer_grids", "MultiPolygon", 20, 10, 18,
                Layer.Scenario.NONE, null, "grid", "area_stats", "setting"));
    }
}

package org.gridmap.risk;

import jakarta.inject.Singleton;
import org.gridmap.layer.Layer;
import org.gridmap.layer.LayerSource;

import java.util.List;

/**
 * 四色 on the map: grids and buildings by their worst household colour under a scenario, the scenario's flood zones,
 * and the shelters. Buildings carry household-level information, so they need a login and are cut to the caller's area.
 */
@Singleton
class RiskLayers implements LayerSource {
    @Override
    public List<Layer> layers() {
        return List.of(
                Layer.define("grid_risk", "网格四色", "Grids by worst household colour", "layer_grid_risk",
                        "MultiPolygon", 30, 10, 18, Layer.Scenario.REQUIRED, null, "grid", "flood_scenario",
                        "area_stats", "risk_current", "risk_area"),
                Layer.define("buildings", "楼栋四色", "Buildings by worst household colour", "layer_buildings",
                        "MultiPolygon", 40, 13, 20, Layer.Scenario.REQUIRED, "scope", "building", "flood_scenario",
                        "risk_current", "risk_building"),
                Layer.define("flood_zones", "洪水风险区", "Flood zones", "layer_flood_zones", "MultiPolygon", 50, 8, 18,
                        Layer.Scenario.REQUIRED, null, "flood_zone", "flood_scenario"),
                Layer.define("shelters", "安置点", "Shelters", "layer_shelters", "Point", 60, 8, 20, Layer.Scenario.NONE,
                        null, "shelter"));
    }
}

package org.gridmap.layer;

import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.gridmap.layer.Layer.props;

/** Every layer gridmap serves, as tiles and as OGC API – Features collections. Adding a layer = a view + a line here. */
@Singleton
public class LayerCatalog {
    private final Map<String, Layer> layers = new LinkedHashMap<>();

    private final Map<String, DerivedLayer> derived = new LinkedHashMap<>();

    public LayerCatalog(List<DerivedLayer> derivedLayers) {
        derivedLayers.forEach(d -> derived.put(d.layerId(), d));
        add(new Layer("admin_areas", "行政区划", "Administrative areas", "layer_admin_areas", "MultiPolygon",
                props("code", "string", "name", "string", "level", "string", "parent_code", "string"), 8, 18,
                Layer.Scenario.NONE, null));
        add(new Layer("grids", "网格", "Grids", "layer_grids", "MultiPolygon",
                props("grid_code", "string", "name", "string", "community_code", "string", "households", "integer",
                        "band", "string"), 10, 18, Layer.Scenario.NONE, null));
        add(new Layer("grid_risk", "网格四色", "Grids by worst household colour", "layer_grid_risk", "MultiPolygon",
                props("scenario", "string", "grid_code", "string", "name", "string", "red", "integer", "orange",
                        "integer", "yellow", "integer", "green", "integer", "worst_color", "string"), 10, 18,
                Layer.Scenario.REQUIRED, null));
        add(new Layer("buildings", "楼栋四色", "Buildings by worst household colour", "layer_buildings", "MultiPolygon",
                props("scenario", "string", "building_id", "string", "floors", "integer", "structure", "string",
                        "safety_grade", "string", "color", "string"), 13, 20, Layer.Scenario.REQUIRED, "scope"));
        add(new Layer("flood_zones", "洪水风险区", "Flood zones", "layer_flood_zones", "MultiPolygon",
                props("scenario", "string", "depth_m", "number", "depth_class", "string", "zone_kind", "string",
                        "arrival_hours", "number"), 8, 18, Layer.Scenario.REQUIRED, null));
        add(new Layer("shelters", "安置点", "Shelters", "layer_shelters", "Point",
                props("shelter_id", "string", "name", "string", "kind", "string", "capacity", "integer", "accessible",
                        "boolean", "open", "boolean"), 8, 20, Layer.Scenario.NONE, null));
        add(new Layer("waters", "河流湖泊", "Rivers and lakes", "layer_waters", "Geometry",
                props("name", "string", "kind", "string", "synthetic", "boolean"), 6, 18, Layer.Scenario.NONE, null));
        add(new Layer("coverage_findings", "覆盖质检问题", "Coverage findings", "layer_coverage_findings", "Geometry",
                props("kind", "string", "community_code", "string", "grid_code", "string", "other_grid_code", "string",
                        "building_id", "string", "area_m2", "number", "length_m", "number", "households", "integer",
                        "detail", "string"), 10, 20, Layer.Scenario.NONE, "scope"));
        add(new Layer("tickets", "工单", "Tickets", "layer_tickets", "Point",
                props("number", "string", "category", "string", "status", "string", "level", "string", "overdue",
                        "boolean", "created_at", "string"), 8, 20, Layer.Scenario.NONE, "scope"));
    }

    private void add(Layer l) {
        layers.put(l.id(), l);
    }

    /** Brings a derived layer's snapshot up to date before it is read (no-op for layers that are plain views). */
    public void prepare(Layer l) {
        DerivedLayer d = derived.get(l.id());
        if (d != null) {
            d.refresh();
        }
    }

    public Optional<Layer> find(String id) {
        return Optional.ofNullable(layers.get(id));
    }

    public List<Layer> all() {
        return List.copyOf(layers.values());
    }
}

-- The whole scenario's building inputs for a run (200 m: the largest near_zone_m a rule set may use).
-- 1 run id, 2 scenario id, 3 metric srid
INSERT INTO risk_building (run_id, building_id, model_depth_m, recorded_depth_m, recorded_flood, zone_kinds, near_m)
SELECT ?, i.building_id, i.model_depth_m, i.recorded_depth_m, i.recorded_flood, i.zone_kinds, i.near_m
FROM gm_risk_building_inputs(?, NULL, 200, ?) i

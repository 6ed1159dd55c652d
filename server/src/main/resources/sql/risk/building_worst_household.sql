-- The household of a building with the most urgent rule under a run. 1 rule set version, 2 run id, 3 building_id
WITH rs AS (SELECT * FROM risk_rule_set WHERE version = ?)
SELECT h.household_id
FROM household h
JOIN building b ON b.id = h.building_id
LEFT JOIN risk_building rb ON rb.run_id = ? AND rb.building_id = b.id
CROSS JOIN rs
WHERE b.building_id = ?
ORDER BY gm_risk_rule(greatest(coalesce(rb.model_depth_m, 0), coalesce(rb.recorded_depth_m, 0)), h.floor, b.safety_grade,
                      gm_is_vulnerable(h), coalesce(rb.zone_kinds, '{}'), rb.near_m, rs), h.floor, h.household_id
LIMIT 1

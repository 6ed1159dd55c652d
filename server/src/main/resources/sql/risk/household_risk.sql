-- One household's colour, rule and inputs under a run. 1 rule set version, 2 run id, 3 household id
WITH rs AS (SELECT * FROM risk_rule_set WHERE version = ?)
SELECT h.household_id, b.building_id, coalesce(b.grid_code, b.community_code) AS scope_code, h.unit, h.floor,
       h.room, h.members, h.elderly, h.children, h.sick, h.disabled, h.pregnant, h.living_alone, h.oldest_age,
       gm_is_vulnerable(h) AS vulnerable,
       b.safety_grade, b.floors AS building_floors,
       rb.model_depth_m, rb.recorded_depth_m, rb.recorded_flood, coalesce(rb.zone_kinds, '{}') AS zone_kinds, rb.near_m,
       greatest(coalesce(rb.model_depth_m, 0), coalesce(rb.recorded_depth_m, 0)) AS depth_m,
       gm_effective_depth(greatest(coalesce(rb.model_depth_m, 0), coalesce(rb.recorded_depth_m, 0)), h.floor, rs) AS effective_m,
       gm_risk_rule(greatest(coalesce(rb.model_depth_m, 0), coalesce(rb.recorded_depth_m, 0)), h.floor, b.safety_grade,
                    gm_is_vulnerable(h), coalesce(rb.zone_kinds, '{}'), rb.near_m, rs) AS rule
FROM household h
JOIN building b ON b.id = h.building_id
LEFT JOIN risk_building rb ON rb.run_id = ? AND rb.building_id = b.id
CROSS JOIN rs
WHERE h.household_id = ?

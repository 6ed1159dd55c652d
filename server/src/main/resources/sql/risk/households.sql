-- Households of a grid with their colour and rule under a run. 1 rule set version, 2 run id, 3 grid code,
-- 4 colour (or null), 5 colour, 6 limit, 7 offset
WITH rs AS (SELECT * FROM risk_rule_set WHERE version = ?)
SELECT y.*, count(*) OVER () AS total FROM (SELECT * FROM (
    SELECT h.household_id, b.building_id, h.unit, h.floor, h.room, h.members, h.elderly, h.children, h.sick,
           h.disabled, h.pregnant, h.living_alone, h.oldest_age, h.contact_name, h.phone, h.id_number,
           gm_vulnerable_people(h) AS vulnerable_people,
           b.safety_grade, b.address,
           greatest(coalesce(rb.model_depth_m, 0), coalesce(rb.recorded_depth_m, 0)) AS depth_m,
           gm_effective_depth(greatest(coalesce(rb.model_depth_m, 0), coalesce(rb.recorded_depth_m, 0)), h.floor, rs) AS effective_m,
           gm_risk_rule(greatest(coalesce(rb.model_depth_m, 0), coalesce(rb.recorded_depth_m, 0)), h.floor, b.safety_grade,
                        gm_is_vulnerable(h), coalesce(rb.zone_kinds, '{}'), rb.near_m, rs) AS rule
    FROM household h
    JOIN building b ON b.id = h.building_id
    LEFT JOIN risk_building rb ON rb.run_id = ? AND rb.building_id = b.id
    CROSS JOIN rs
    WHERE b.grid_code = ?) x
WHERE ?::text IS NULL OR gm_risk_color(x.rule) = ?) y
ORDER BY y.rule, y.building_id, y.unit NULLS FIRST, y.floor, y.household_id
LIMIT ? OFFSET ?

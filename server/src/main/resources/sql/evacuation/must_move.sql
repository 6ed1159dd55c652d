-- The households a warning level must move in an area under a scenario's current 四色 results, that this
-- evacuation has not placed yet (new ones, and earlier ones left unplaced). Building position in the metric CRS.
-- A building without inputs (none in the run) gets the rule's last colour for every household; unless a level moves
-- that colour too (rule 10 of gm_risk_rule: no water, no zone near), only buildings with inputs are read (the
-- planner folds the constant test and joins those only).
-- 1 rule set version, 2 run id, 3 area prefix, 4 colours that must move (text[]), 5 metric SRID, 6 evacuation id,
-- 7 colours that must move (text[])
WITH rs AS (SELECT * FROM risk_rule_set WHERE version = ?),
x AS (
    SELECT h.id, h.household_id, h.members, h.disabled > 0 AS accessible_need, b.id AS building,
           coalesce(b.grid_code, b.community_code) AS scope, b.geom,
           gm_risk_color(gm_risk_rule(greatest(coalesce(rb.model_depth_m, 0), coalesce(rb.recorded_depth_m, 0)),
                                      h.floor, b.safety_grade, gm_is_vulnerable(h), coalesce(rb.zone_kinds, '{}'),
                                      rb.near_m, rs)) AS color
    FROM household h
    JOIN building b ON b.id = h.building_id
    LEFT JOIN risk_building rb ON rb.run_id = ? AND rb.building_id = b.id
    CROSS JOIN rs
    WHERE coalesce(b.grid_code, b.community_code) LIKE ? || '%'
      AND (rb.building_id IS NOT NULL OR gm_risk_color(10::smallint) = ANY (?::text[])))
SELECT x.id, x.household_id, x.members, x.accessible_need, x.building, x.scope, x.color, c.rank AS color_rank,
       ST_X(p.pt) AS x, ST_Y(p.pt) AS y, t.id AS transfer_id
FROM x
JOIN risk_color c ON c.code = x.color
CROSS JOIN LATERAL (SELECT ST_Transform(ST_PointOnSurface(x.geom), ?) AS pt) p
LEFT JOIN transfer t ON t.household_id = x.id AND t.evacuation_id = ?
WHERE x.color = ANY (?) AND (t.id IS NULL OR t.shelter_id IS NULL)
ORDER BY c.rank, x.building, x.id

-- 四色 households per building of an area under a scenario's current run (the rule of R__30_risk.sql, as the grid
-- panel counts them). 1 scenario code, 2 area prefix
WITH cur AS (SELECT rc.run_id, rc.rule_set_version FROM risk_current rc JOIN flood_scenario s ON s.id = rc.scenario_id
             WHERE s.code = ?),
     rs AS (SELECT r.* FROM risk_rule_set r JOIN cur ON r.version = cur.rule_set_version)
SELECT b.id, gm_risk_color(gm_risk_rule(greatest(coalesce(rb.model_depth_m, 0), coalesce(rb.recorded_depth_m, 0)),
                                        h.floor, b.safety_grade, gm_is_vulnerable(h), coalesce(rb.zone_kinds, '{}'),
                                        rb.near_m, rs)) AS color,
       count(*)::int AS households
FROM household h
JOIN building b ON b.id = h.building_id
CROSS JOIN cur
CROSS JOIN rs
LEFT JOIN risk_building rb ON rb.run_id = cur.run_id AND rb.building_id = b.id
WHERE b.community_code LIKE ?
GROUP BY 1, 2

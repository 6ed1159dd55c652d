-- 1 version
SELECT version, storey_height_m, basement_depth_m, red_depth_m, red_vulnerable_depth_m, orange_depth_m, weak_grades,
       deep_zone_kinds, near_zone_m, must_move_iv, must_move_iii, must_move_ii, must_move_i, note, created_by, created_at
FROM risk_rule_set WHERE version = ?

-- The colour gm_risk_color gives each rule of the 四色 rule.
SELECT r, gm_risk_color(r::smallint) FROM generate_series(1, 10) r ORDER BY r

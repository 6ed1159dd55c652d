-- The scenario a TileJSON names in its tile URLs: the one asked for if it exists, else the first with 四色 results
-- (else the first by code). 1 asked code (or null), 2 the same
SELECT s.code
FROM flood_scenario s LEFT JOIN risk_current rc ON rc.scenario_id = s.id
WHERE ?::text IS NULL OR s.code = ?
ORDER BY (rc.run_id IS NOT NULL) DESC, s.code
LIMIT 1

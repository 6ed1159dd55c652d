-- 1 code
SELECT s.id, s.code, s.name, s.kind, s.return_period_years, rc.run_id, rc.rule_set_version
FROM flood_scenario s LEFT JOIN risk_current rc ON rc.scenario_id = s.id
WHERE s.code = ?

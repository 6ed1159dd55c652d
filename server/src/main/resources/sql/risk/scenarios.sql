SELECT s.id, s.code, s.name, s.kind, s.return_period_years, rc.run_id, rc.rule_set_version,
       (SELECT count(*) FROM flood_zone z WHERE z.scenario_id = s.id) AS zones
FROM flood_scenario s LEFT JOIN risk_current rc ON rc.scenario_id = s.id
ORDER BY s.code

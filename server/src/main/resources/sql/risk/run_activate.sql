-- Makes a run the scenario's current results, in the transaction that wrote them.
-- 1 scenario id, 2 run id, 3 rule set version
INSERT INTO risk_current (scenario_id, run_id, rule_set_version) VALUES (?, ?, ?)
ON CONFLICT (scenario_id) DO UPDATE SET run_id = EXCLUDED.run_id, rule_set_version = EXCLUDED.rule_set_version

-- 1 scenario id, 2 rule set version, 3 created_by, 4 instance key
INSERT INTO risk_run (scenario_id, rule_set_version, status, phase, created_by, instance_key)
VALUES (?, ?, 'RUNNING', 'queued', ?, ?) RETURNING id

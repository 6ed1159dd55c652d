-- Old results of a scenario, once a newer run is current. 1 scenario id
DELETE FROM risk_run r
WHERE r.scenario_id = ? AND r.status = 'SUCCEEDED'
  AND r.id <> (SELECT run_id FROM risk_current WHERE scenario_id = r.scenario_id)

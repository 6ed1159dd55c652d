-- A run; one left RUNNING by a process that died (its instance lock is gone) reads as FAILED. 1 id
SELECT r.id, s.code AS scenario, r.rule_set_version,
       CASE WHEN r.status = 'RUNNING' AND NOT gm_instance_alive(r.instance_key) THEN 'FAILED' ELSE r.status END,
       r.phase, r.progress, r.counts,
       CASE WHEN r.status = 'RUNNING' AND NOT gm_instance_alive(r.instance_key)
            THEN 'interrupted (the server stopped); the previous results are unchanged — start a new run'
            ELSE r.message END,
       r.created_by, r.started_at, r.finished_at, (rc.run_id = r.id) AS current
FROM risk_run r JOIN flood_scenario s ON s.id = r.scenario_id LEFT JOIN risk_current rc ON rc.scenario_id = r.scenario_id
WHERE r.id = ?

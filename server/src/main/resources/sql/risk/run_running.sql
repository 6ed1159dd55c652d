-- A run of the scenario that is running now (in a live server process), if any. 1 scenario id
SELECT id FROM risk_run
WHERE scenario_id = ? AND status = 'RUNNING' AND gm_instance_alive(instance_key)
ORDER BY id DESC
LIMIT 1

-- The per-building and per-area results of a scenario's older runs, once a newer run is current. The run rows stay
-- (status, counts, who and when), so a run a client was given can still be looked up. 1 scenario id, 2 the same
WITH old AS (
    SELECT r.id FROM risk_run r
    WHERE r.scenario_id = ? AND r.status = 'SUCCEEDED'
      AND r.id <> (SELECT run_id FROM risk_current WHERE scenario_id = r.scenario_id)
), b AS (
    DELETE FROM risk_building WHERE run_id IN (SELECT id FROM old)
)
DELETE FROM risk_area WHERE run_id IN (SELECT id FROM old)

SELECT p.id, p.evacuation_id, e.area_code, s.code AS scenario, p.kind, p.warning_level, p.status, p.phase,
       p.progress, p.counts::text AS counts, p.message, p.created_by, p.started_at, p.finished_at
FROM transfer_plan p JOIN evacuation e ON e.id = p.evacuation_id JOIN flood_scenario s ON s.id = e.scenario_id
WHERE p.id = ?

SELECT e.id, e.area_code, s.code AS scenario, e.scenario_id, e.warning_level, w.rank AS level_rank, e.started_by,
       e.started_at, e.active
FROM evacuation e JOIN flood_scenario s ON s.id = e.scenario_id JOIN warning_level w ON w.code = e.warning_level
WHERE e.id = ?

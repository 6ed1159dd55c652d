INSERT INTO evacuation (area_code, scenario_id, warning_level, started_by) VALUES (?, ?, ?, ?) RETURNING id

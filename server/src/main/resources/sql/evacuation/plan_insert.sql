INSERT INTO transfer_plan (evacuation_id, kind, warning_level, created_by, instance_key, phase)
VALUES (?, ?, ?, ?, ?, 'queued') RETURNING id

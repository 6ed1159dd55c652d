UPDATE transfer_plan SET status = ?, phase = 'done', progress = CASE WHEN ? = 'SUCCEEDED' THEN 1 ELSE progress END,
       message = ?, counts = ?::jsonb, finished_at = now()
WHERE id = ?

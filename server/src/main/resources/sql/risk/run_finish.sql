-- 1 status, 2 status, 3 message, 4 counts (json), 5 id
UPDATE risk_run SET status = ?, progress = CASE WHEN ?::text = 'SUCCEEDED' THEN 1 ELSE progress END, message = ?,
       phase = 'done', counts = ?::jsonb, finished_at = clock_timestamp(), updated_at = now()
WHERE id = ?

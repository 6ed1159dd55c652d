-- 1 status, 2 succeeded (boolean), 3 counts, 4 errors, 5 error_count, 6 repairs, 7 ignored_columns, 8 message, 9 problem, 10 id
UPDATE import_job
SET status = ?, phase = 'done', progress = CASE WHEN status = 'RUNNING' AND ? THEN 1 ELSE progress END,
    counts = ?::jsonb, errors = ?::jsonb, error_count = ?, repairs = ?::jsonb, ignored_columns = ?::jsonb,
    message = ?, problem = ?::jsonb, finished_at = clock_timestamp(), updated_at = now()
WHERE id = ?

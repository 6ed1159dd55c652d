-- 1 status, 2 phase, 3 progress, 4 rows_total, 5 rows_done, 6 format, 7 id
UPDATE import_job
SET status = ?, phase = ?, progress = ?, rows_total = coalesce(?, rows_total), rows_done = ?,
    format = coalesce(?, format), updated_at = now()
WHERE id = ?

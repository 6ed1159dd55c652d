-- A job; one left RUNNING or QUEUED by a process that died (its instance lock is gone) reads as FAILED.
-- 1 id
SELECT id, kind, format, file_name,
       CASE WHEN status IN ('QUEUED', 'RUNNING') AND NOT gm_instance_alive(instance_key) THEN 'FAILED'
            ELSE status END AS status,
       phase, progress, rows_total, rows_done, counts, errors, error_count, repairs, ignored_columns,
       CASE WHEN status IN ('QUEUED', 'RUNNING') AND NOT gm_instance_alive(instance_key)
            THEN 'interrupted (the server stopped); nothing was stored — import the file again'
            ELSE message END AS message,
       problem, created_by, created_at, finished_at
FROM import_job WHERE id = ?

-- 1 id, 2 kind, 3 file_name, 4 created_by, 5 options (json)
INSERT INTO import_job (id, kind, file_name, status, phase, created_by, options)
VALUES (?, ?, ?, 'QUEUED', 'queued', ?, ?::jsonb)

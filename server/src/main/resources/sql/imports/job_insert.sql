-- 1 id, 2 kind, 3 file_name, 4 created_by, 5 options (json), 6 instance key
INSERT INTO import_job (id, kind, file_name, status, phase, created_by, options, instance_key)
VALUES (?, ?, ?, 'QUEUED', 'queued', ?, ?::jsonb, ?)

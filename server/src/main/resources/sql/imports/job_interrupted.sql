-- On start: jobs this or another dead process left unfinished. Their transaction never committed.
UPDATE import_job
SET status = 'FAILED', phase = 'done', finished_at = now(), updated_at = now(),
    message = 'interrupted (the server stopped); nothing was stored — import the file again'
WHERE status IN ('QUEUED', 'RUNNING') AND NOT gm_instance_alive(instance_key)

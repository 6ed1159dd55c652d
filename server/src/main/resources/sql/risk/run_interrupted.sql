-- On start: runs this or another dead process left RUNNING. Their transaction never committed.
UPDATE risk_run SET status = 'FAILED', phase = 'done', finished_at = now(),
       message = 'interrupted (the server stopped); the previous results are unchanged'
WHERE status = 'RUNNING' AND NOT gm_instance_alive(instance_key)

-- On start: plans this or another dead process left RUNNING. Their transaction never committed.
UPDATE transfer_plan SET status = 'FAILED', phase = 'done', finished_at = now(),
       message = 'interrupted (the server stopped); the transfers are as they were before this plan'
WHERE status = 'RUNNING' AND NOT gm_instance_alive(instance_key)

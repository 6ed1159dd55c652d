-- A plan of the evacuation still running in a live process. 1 evacuation id
SELECT p.id FROM transfer_plan p WHERE p.evacuation_id = ? AND p.status = 'RUNNING' AND gm_instance_alive(p.instance_key)

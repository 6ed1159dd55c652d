SELECT max(id) FROM transfer_plan WHERE evacuation_id = ?

-- A walk-in already registered with this client key (a retried phone request). 1 client key
SELECT w.id, s.shelter_id, w.members, w.registered_at FROM shelter_walk_in w JOIN shelter s ON s.id = w.shelter_id
WHERE w.client_key = ?

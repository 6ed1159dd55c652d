SELECT e.id, e.transfer_id, e.seq, e.status, s.shelter_id AS shelter_code, e.note, e.actor, e.at
FROM transfer_event e LEFT JOIN shelter s ON s.id = e.shelter_id
WHERE e.transfer_id = ? AND e.client_key = ?

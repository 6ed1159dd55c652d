WITH e AS (
    INSERT INTO transfer_event (transfer_id, seq, status, shelter_id, note, actor, client_key)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    RETURNING id, transfer_id, seq, status, shelter_id, note, actor, at)
SELECT e.id, e.transfer_id, e.seq, e.status, s.shelter_id AS shelter_code, e.note, e.actor, e.at
FROM e LEFT JOIN shelter s ON s.id = e.shelter_id

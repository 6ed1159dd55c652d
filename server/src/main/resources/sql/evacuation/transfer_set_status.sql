UPDATE transfer SET status = ?, arrived_shelter_id = ?, event_seq = ?, updated_at = now() WHERE id = ?

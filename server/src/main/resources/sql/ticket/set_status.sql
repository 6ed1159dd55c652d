-- Moves a ticket to a status with nothing else changing (受理 start, 退回 return). 1 status, 2 ticket
UPDATE ticket SET status = ?, updated_at = now() WHERE id = ?

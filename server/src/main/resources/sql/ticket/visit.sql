-- 回访: the reporter's rating, 1–5. 1 status, 2 rating, 3 ticket
UPDATE ticket SET status = ?, rating = ?, updated_at = now() WHERE id = ?

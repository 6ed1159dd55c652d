-- 关闭. 1 status, 2 ticket
UPDATE ticket SET status = ?, closed_at = now(), updated_at = now() WHERE id = ?

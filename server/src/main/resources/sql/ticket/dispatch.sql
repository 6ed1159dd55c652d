-- 派遣: the ticket goes to its handler, optionally naming the person. 1 status, 2 assignee or null, 3 ticket
UPDATE ticket SET status = ?, assignee = coalesce(?, assignee), updated_at = now() WHERE id = ?

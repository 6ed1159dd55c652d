-- 报到: a called department reports in; the first report's time is kept. 1 note or null, 2 ticket, 3 department
UPDATE ticket_call SET reported_at = coalesce(reported_at, now()), note = coalesce(?, note)
WHERE ticket_id = ? AND department = ?

-- A ticket's history, oldest first. 1 ticket
SELECT id, at, actor, action, from_status, to_status, from_level, to_level, reason, data::text AS data
FROM ticket_event WHERE ticket_id = ? ORDER BY id

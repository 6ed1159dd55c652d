-- One event of a ticket's history. 1 ticket, 2 actor, 3 action, 4 from status, 5 to status, 6 from level,
-- 7 to level, 8 reason, 9 data (JSON)
INSERT INTO ticket_event (ticket_id, actor, action, from_status, to_status, from_level, to_level, reason, data)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)

-- Tickets at the top level (部门) that have just become overdue: noted once with an event (and a layer change).
-- 1 batch size
WITH due AS (
    SELECT t.id FROM ticket t
    WHERE t.open
      AND t.due_at < now() AND t.level IN (SELECT code FROM ticket_level WHERE next IS NULL) AND NOT t.overdue_noted
    ORDER BY t.due_at LIMIT ? FOR UPDATE SKIP LOCKED
),
up AS (UPDATE ticket t SET overdue_noted = true, updated_at = now() FROM due WHERE t.id = due.id
       RETURNING t.id, t.status, t.level)
INSERT INTO ticket_event (ticket_id, actor, action, from_status, to_status, from_level, to_level, reason)
SELECT id, 'system', 'OVERDUE', status, status, level, level, '部门办理超时 / overdue at the department' FROM up
RETURNING ticket_id

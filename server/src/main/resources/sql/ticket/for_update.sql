-- Locks a ticket for a transition. 1 id
SELECT t.id, t.status, t.level, t.grid_code, t.category_code, t.due_at, t.department, t.resolved_at
FROM ticket t WHERE t.id = ? FOR UPDATE

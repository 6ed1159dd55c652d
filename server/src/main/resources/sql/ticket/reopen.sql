-- 重开: the outcome is forgotten and the clock restarts at the current level. 1 status, 2 hours allowed, 3 ticket
UPDATE ticket SET status = ?, resolved_at = NULL, resolved_on_time = NULL, closed_at = NULL, rating = NULL,
                  due_at = now() + make_interval(hours => ?), updated_at = now()
WHERE id = ?

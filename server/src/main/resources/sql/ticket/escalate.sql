-- 上报 by hand: one level up, with that level's time allowed. 1 level, 2 hours allowed, 3 ticket
UPDATE ticket SET level = ?, level_since = now(), overdue_noted = false, due_at = now() + make_interval(hours => ?),
                  updated_at = now()
WHERE id = ?

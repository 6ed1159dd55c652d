-- One failed login for a key, counted in the current window: a new window starts once the old one has passed or a
-- lock has run out; lockouts older than a day are forgotten. Returns the count and the earlier lockouts.
-- 1 key, 2 window seconds, 3 window seconds (the same)
INSERT INTO login_throttle AS t (key, failures, window_start)
VALUES (?, 1, now())
ON CONFLICT (key) DO UPDATE SET
    failures = CASE WHEN t.window_start < now() - make_interval(secs => ?)
                         OR (t.locked_until IS NOT NULL AND t.locked_until <= now()) THEN 1
                    ELSE t.failures + 1 END,
    window_start = CASE WHEN t.window_start < now() - make_interval(secs => ?)
                             OR (t.locked_until IS NOT NULL AND t.locked_until <= now()) THEN now()
                        ELSE t.window_start END,
    locked_until = CASE WHEN t.locked_until <= now() THEN NULL ELSE t.locked_until END,
    lockouts = CASE WHEN t.locked_until < now() - interval '1 day' THEN 0 ELSE t.lockouts END,
    updated_at = now()
RETURNING t.failures, t.lockouts

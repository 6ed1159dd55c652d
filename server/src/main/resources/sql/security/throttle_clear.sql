-- A successful login forgets the user's failures (not the client address's: one valid account must not reset them).
-- 1 key
DELETE FROM login_throttle WHERE key = ? AND (locked_until IS NULL OR locked_until <= now())

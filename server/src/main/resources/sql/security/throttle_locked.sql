-- The latest lock among the keys of a login attempt that is still running, and its seconds left.
-- 1 keys (text[])
SELECT max(locked_until) AS locked_until,
       ceil(extract(epoch FROM max(locked_until) - now()))::bigint AS seconds_left
FROM login_throttle
WHERE key = ANY (?) AND locked_until > now()

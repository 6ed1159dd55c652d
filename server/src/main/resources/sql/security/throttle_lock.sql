-- Locks a key that reached its failure limit, for base × 2^(earlier lockouts) seconds up to the ceiling.
-- 1 base seconds, 2 earlier lockouts, 3 max seconds, 4 key
UPDATE login_throttle
SET locked_until = now() + make_interval(secs => least(? * power(2, ?), ?)), lockouts = lockouts + 1, failures = 0,
    updated_at = now()
WHERE key = ?
RETURNING locked_until, ceil(extract(epoch FROM locked_until - now()))::bigint AS seconds_left

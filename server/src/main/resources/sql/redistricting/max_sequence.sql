-- The highest 3-digit grid number a community has used, current or past (a new grid never takes an old one's code).
-- 1 community code
SELECT coalesce(max(right(grid_code, 3)::int), 0) FROM grid WHERE community_code = ?

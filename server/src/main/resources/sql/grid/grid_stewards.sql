-- 1 grid_code
SELECT steward_id, name, phone, role
FROM steward
WHERE grid_code = ?
ORDER BY CASE role WHEN 'GRID_CHIEF' THEN 1 WHEN 'GRID_WORKER' THEN 2 ELSE 3 END, steward_id

-- A grid's lineage: the versions it came from and the versions it went to. 1 code, 2 code
SELECT 'FROM' AS direction, o.grid_code, o.name, o.version, o.valid_from, o.valid_to, l.households
FROM grid n JOIN grid_lineage l ON l.grid_id = n.id JOIN grid o ON o.id = l.from_grid_id
WHERE n.grid_code = ? AND n.valid_to IS NULL
UNION ALL
SELECT 'TO', n.grid_code, n.name, n.version, n.valid_from, n.valid_to, l.households
FROM grid o JOIN grid_lineage l ON l.from_grid_id = o.id JOIN grid n ON n.id = l.grid_id
WHERE o.grid_code = ?
ORDER BY 1, 2

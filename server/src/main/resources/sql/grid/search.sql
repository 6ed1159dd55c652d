-- Current grids matching a search text: grid code prefix, grid name, community or street name. Best matches first
-- (code prefix, then name prefix). 1 caller area LIKE, 2 code prefix LIKE, 3 text ILIKE, 4 text ILIKE,
-- 5 text ILIKE, 6 code prefix LIKE, 7 name prefix ILIKE, 8 limit
SELECT g.grid_code, g.name, g.community_code, ca.name AS community_name, sa.name AS street_name,
       ST_XMin(e) AS min_lon, ST_YMin(e) AS min_lat, ST_XMax(e) AS max_lon, ST_YMax(e) AS max_lat
FROM grid g
JOIN admin_area ca ON ca.code = g.community_code
LEFT JOIN admin_area sa ON sa.code = ca.parent_code
CROSS JOIN LATERAL (SELECT g.geom::box2d AS e) b
WHERE g.valid_to IS NULL AND g.grid_code LIKE ?
  AND (g.grid_code LIKE ? OR g.name ILIKE ? OR ca.name ILIKE ? OR sa.name ILIKE ?)
ORDER BY (g.grid_code LIKE ?) DESC, (g.name ILIKE ?) DESC, g.grid_code
LIMIT ?

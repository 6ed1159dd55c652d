-- 网格划分登记表: every current grid under an area with its community, buildings, households, people, area and
-- stewards (role and name, in order: chief, worker, others). 1 area prefix
SELECT g.grid_code, g.name, g.community_code, ca.name AS community_name, g.version, g.valid_from,
       (SELECT count(*) FROM building b WHERE b.grid_code = g.grid_code) AS buildings,
       (SELECT coalesce(sum(b.households), 0) FROM building b WHERE b.grid_code = g.grid_code) AS households,
       (SELECT coalesce(sum(b.people), 0) FROM building b WHERE b.grid_code = g.grid_code) AS people,
       round(ST_Area(g.geom::geography)::numeric) AS area_m2,
       (SELECT string_agg(s.role || ':' || s.name, '|' ORDER BY CASE s.role WHEN 'GRID_CHIEF' THEN 1
                 WHEN 'GRID_WORKER' THEN 2 ELSE 3 END, s.steward_id)
        FROM steward s WHERE s.grid_code = g.grid_code AND s.building_id IS NULL) AS stewards
FROM grid g
JOIN admin_area ca ON ca.code = g.community_code
WHERE g.valid_to IS NULL AND g.grid_code LIKE ?
ORDER BY g.grid_code

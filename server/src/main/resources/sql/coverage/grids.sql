-- Current grids under an area prefix with their household counts (area_stats) and whether they have a chief and a
-- worker. 1 prefix (households), 2 prefix (stewards), 3 metric srid, 4 prefix (grids)
WITH hh AS (
    SELECT code AS grid_code, households AS n FROM area_stats WHERE code LIKE ? AND length(code) = 15),
st AS (
    SELECT grid_code, bool_or(role = 'GRID_CHIEF') AS chief, bool_or(role = 'GRID_WORKER') AS worker
    FROM steward WHERE grid_code LIKE ?
    GROUP BY grid_code)
SELECT g.grid_code, g.community_code, g.rural, ST_AsBinary(ST_Transform(g.geom, ?)) AS wkb,
       coalesce(hh.n, 0) AS households, coalesce(st.chief, false) AS chief, coalesce(st.worker, false) AS worker
FROM grid g
LEFT JOIN hh ON hh.grid_code = g.grid_code
LEFT JOIN st ON st.grid_code = g.grid_code
WHERE g.valid_to IS NULL AND g.grid_code LIKE ?
ORDER BY g.grid_code

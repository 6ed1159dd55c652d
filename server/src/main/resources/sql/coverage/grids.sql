-- Current grids under an area prefix with their household counts and whether they have a chief and a worker.
-- 1 prefix (households), 2 prefix (stewards), 3 metric srid, 4 prefix (grids)
WITH hh AS (
    SELECT b.grid_code, sum(b.households) AS n
    FROM building b
    WHERE b.grid_code LIKE ?
    GROUP BY b.grid_code),
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

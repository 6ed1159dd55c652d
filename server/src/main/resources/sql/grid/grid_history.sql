-- 1 grid_code
SELECT version, name, valid_from, valid_to, round(ST_Area(geom::geography)::numeric) AS area_m2
FROM grid WHERE grid_code = ? ORDER BY version

-- The grid version current at a moment (null = now). 1 grid_code, 2 at, 3 at, 4 at
SELECT g.grid_code, g.name, g.community_code, ca.name AS community_name, sa.code AS street_code,
       sa.name AS street_name, g.version, g.valid_from, g.valid_to, g.rural, ST_AsGeoJSON(g.geom, 7) AS geojson,
       round(ST_Area(g.geom::geography)::numeric) AS area_m2
FROM grid g
JOIN admin_area ca ON ca.code = g.community_code
LEFT JOIN admin_area sa ON sa.code = ca.parent_code
WHERE g.grid_code = ?
  AND CASE WHEN ?::timestamptz IS NULL THEN g.valid_to IS NULL
           ELSE g.valid_from <= ?::timestamptz AND (g.valid_to IS NULL OR g.valid_to > ?::timestamptz) END

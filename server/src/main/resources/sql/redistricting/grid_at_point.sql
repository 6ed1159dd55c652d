-- Which grid version held a point at a moment. 1 lon, 2 lat, 3 at, 4 at
SELECT g.grid_code, g.name, g.version, g.valid_from, g.valid_to
FROM grid g
WHERE ST_Intersects(g.geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))
  AND g.valid_from <= ? AND (g.valid_to IS NULL OR g.valid_to > ?)
ORDER BY g.grid_code
LIMIT 1

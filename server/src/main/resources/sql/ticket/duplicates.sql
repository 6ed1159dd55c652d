-- Open tickets of a category near a point, filed within a window: duplicate suggestions, nearest first.
-- 1 lon, 2 lat, 3 category, 4 window hours, 5 radius in degrees (index prefilter), 6 radius m, 7 exclude id (or null)
WITH q AS (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326) AS p)
SELECT t.id, t.number, t.status, t.description, t.created_at, t.grid_code,
       ST_Distance(t.geom::geography, q.p::geography) AS distance_m
FROM ticket t, q
WHERE t.category_code = ? AND t.open
  AND t.duplicate_of IS NULL AND t.created_at > now() - make_interval(hours => ?)
  AND t.geom && ST_Expand(q.p, ?) AND ST_DWithin(t.geom::geography, q.p::geography, ?)
  AND t.id IS DISTINCT FROM ?
ORDER BY distance_m, t.id
LIMIT 10

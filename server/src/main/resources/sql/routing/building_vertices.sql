-- The road vertices nearest each building (from a point on its surface), nearest first, with the straight
-- distance (m) and both positions. 1 nearest-k, 2 building ids (bigint[])
SELECT b.id AS key, v.id AS vertex, ST_Distance(p.pt::geography, v.geom::geography) AS metres,
       ST_X(p.pt) AS lon, ST_Y(p.pt) AS lat, ST_X(v.geom) AS vlon, ST_Y(v.geom) AS vlat
FROM building b
CROSS JOIN LATERAL (SELECT ST_PointOnSurface(b.geom) AS pt) p
CROSS JOIN LATERAL (SELECT v.id, v.geom FROM road_vertex v ORDER BY v.geom <-> p.pt LIMIT ?) v
WHERE b.id = ANY (?::bigint[])
ORDER BY b.id, metres

-- The road vertices nearest each shelter, nearest first, with the straight distance (m) and both positions.
-- 1 nearest-k, 2 shelter ids (bigint[])
SELECT s.id AS key, v.id AS vertex, ST_Distance(s.geom::geography, v.geom::geography) AS metres,
       ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat, ST_X(v.geom) AS vlon, ST_Y(v.geom) AS vlat
FROM shelter s
CROSS JOIN LATERAL (SELECT v.id, v.geom FROM road_vertex v ORDER BY v.geom <-> s.geom LIMIT ?) v
WHERE s.id = ANY (?::bigint[])
ORDER BY s.id, metres

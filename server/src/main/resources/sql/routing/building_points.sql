-- Where a building's route starts: a point on its surface. 1 building ids (bigint[])
SELECT b.id, ST_X(p.pt) AS lon, ST_Y(p.pt) AS lat
FROM building b
CROSS JOIN LATERAL (SELECT ST_PointOnSurface(b.geom) AS pt) p
WHERE b.id = ANY (?::bigint[])

-- The district this installation serves, as the data has it: the county-level area asked for (or the first by code
-- when none is asked for), its name and a point inside it, with the extent of every area loaded. One row; nulls
-- when nothing is loaded. 1 district code or null, 2 the same
SELECT d.code, d.name, ST_X(d.p) AS lon, ST_Y(d.p) AS lat,
       ST_XMin(x.e) AS min_lon, ST_YMin(x.e) AS min_lat, ST_XMax(x.e) AS max_lon, ST_YMax(x.e) AS max_lat
FROM (SELECT ST_Extent(geom) AS e FROM admin_area) x
LEFT JOIN LATERAL (
    SELECT a.code, a.name, ST_PointOnSurface(a.geom) AS p
    FROM admin_area a
    WHERE a.level = 'COUNTY' AND (?::text IS NULL OR a.code = ?)
    ORDER BY a.code
    LIMIT 1
) d ON true

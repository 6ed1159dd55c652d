-- Staged geometries farther than ? metres from every county-level area of the deployment (the district). Only when
-- the district's boundary is loaded; otherwise the service envelope, checked by the application, is the limit.
-- 1 metres, 2 metres (the same)
WITH district AS (
    SELECT ST_Union(geom) AS geom FROM admin_area WHERE level IN ('COUNTY', 'CITY') AND geom IS NOT NULL
)
SELECT s.row_no, 'geometry', 'outside_district',
       'geometry lies ' || round((ST_Distance(s.geom::geography, d.geom::geography) / 1000)::numeric, 1)
           || ' km outside the district (' || (SELECT string_agg(a.name, '、' ORDER BY a.code) FROM admin_area a
           WHERE a.level = 'COUNTY' AND a.geom IS NOT NULL) || '); objects must lie within ' || round((?::numeric) / 1000, 1)
           || ' km of it'
FROM stage s, district d
WHERE s.geom IS NOT NULL AND d.geom IS NOT NULL
  AND NOT ST_Intersects(s.geom, d.geom)
  AND NOT ST_DWithin(s.geom::geography, d.geom::geography, ?)
ORDER BY 1

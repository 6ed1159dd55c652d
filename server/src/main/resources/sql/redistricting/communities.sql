-- The communities of an area with their boundary in the metric CRS. 1 srid, 2 area prefix
SELECT code, name, rural, ST_AsBinary(ST_Transform(geom, ?)) AS wkb
FROM admin_area
WHERE level = 'COMMUNITY' AND geom IS NOT NULL AND code LIKE ?
ORDER BY code

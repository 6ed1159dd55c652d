-- Communities under an area prefix, in the metric CRS. 1 metric srid, 2 prefix pattern
SELECT code, name, ST_AsBinary(ST_Transform(geom, ?)) AS wkb
FROM admin_area
WHERE level = 'COMMUNITY' AND code LIKE ? AND geom IS NOT NULL
ORDER BY code

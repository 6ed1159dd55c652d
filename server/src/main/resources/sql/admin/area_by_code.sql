-- 1 code
SELECT a.code, a.name, a.level, a.parent_code, a.kind, a.rural,
       ST_AsGeoJSON(a.geom, 7) AS geojson,
       round(ST_Area(a.geom::geography)::numeric / 1e6, 3) AS area_km2
FROM admin_area a
WHERE a.code = ?

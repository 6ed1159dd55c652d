-- 1 building_id (external id)
SELECT b.id, b.building_id, b.name, b.address, b.floors, b.units, b.structure, b.safety_grade,
       b.basement_dwelling, b.use, b.grid_code, b.community_code, ST_AsGeoJSON(b.geom, 7) AS geojson,
       round(ST_Area(b.geom::geography)::numeric, 1) AS footprint_m2
FROM building b
WHERE b.building_id = ?

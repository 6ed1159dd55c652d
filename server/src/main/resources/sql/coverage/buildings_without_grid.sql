-- Buildings of the area (by community) that no current grid holds. 1 metric srid, 2 prefix
SELECT b.building_id, b.community_code, ST_AsBinary(ST_Transform(b.geom, ?)) AS wkb,
       b.households
FROM building b
WHERE b.grid_code IS NULL AND b.community_code LIKE ?

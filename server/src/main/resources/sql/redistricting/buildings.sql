-- The buildings of one community (as the membership cache places them) with their totals; footprints in the metric
-- CRS. Ordered by id, so a community's building indexes are stable. 1 srid, 2 community code
SELECT id, building_id, households, people, vulnerable_people, ST_AsBinary(ST_Transform(geom, ?)) AS wkb
FROM building
WHERE community_code = ?
ORDER BY id

-- Open tickets of an area with their point (metric CRS) and grid, for the draft's diff. 1 srid, 2 area prefix
SELECT t.number, t.grid_code, ST_AsBinary(ST_Transform(t.geom, ?)) AS wkb
FROM ticket t
WHERE t.community_code LIKE ? AND t.status IN (SELECT code FROM ticket_status WHERE open)

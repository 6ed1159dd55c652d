-- The publish's grid change in one statement: the area's current grids end at the effective moment and the new
-- versions begin then, so the membership, statistics and 四色 triggers run once, on the final state (buildings go
-- from their old grid straight to their new one). The CTE is read first, so the old versions are ended before the
-- new ones take their codes. New grids as parallel arrays (geometry as hex WKB in EPSG:4326).
-- 1 effective, 2 area prefix, 3 effective, 4 codes, 5 names, 6 communities, 7 rural, 8 wkbs
WITH ended AS (
    UPDATE grid SET valid_to = ? WHERE valid_to IS NULL AND grid_code LIKE ? RETURNING id)
INSERT INTO grid (grid_code, name, community_code, rural, geom, version, valid_from)
SELECT n.code, n.name, n.community, n.rural, ST_Multi(ST_SetSRID(ST_GeomFromWKB(decode(n.wkb, 'hex')), 4326)),
       coalesce((SELECT max(g.version) FROM grid g WHERE g.grid_code = n.code), 0) + 1, ?
FROM unnest(?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[]) AS n (code, name, community, rural, wkb)
WHERE (SELECT count(*) FROM ended) >= 0

-- The new grid versions, in one statement (so the membership trigger runs once for all of them): codes, names,
-- communities, rural flags and geometries (hex WKB in EPSG:4326) as parallel arrays. 1 effective, 2 codes, 3 names,
-- 4 communities, 5 rural, 6 wkbs
INSERT INTO grid (grid_code, name, community_code, rural, geom, version, valid_from)
SELECT n.code, n.name, n.community, n.rural, ST_Multi(ST_SetSRID(ST_GeomFromWKB(decode(n.wkb, 'hex')), 4326)),
       coalesce((SELECT max(g.version) FROM grid g WHERE g.grid_code = n.code), 0) + 1, ?
FROM unnest(?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[]) AS n (code, name, community, rural, wkb)

-- One new grid version (code given at publish, geometry WKB in EPSG:4326). 1 code, 2 name, 3 community, 4 rural,
-- 5 wkb, 6 code (for the next version number), 7 effective
INSERT INTO grid (grid_code, name, community_code, rural, geom, version, valid_from)
VALUES (?, ?, ?, ?, ST_Multi(ST_SetSRID(ST_GeomFromWKB(?), 4326)),
        coalesce((SELECT max(version) FROM grid WHERE grid_code = ?), 0) + 1, ?)
RETURNING id

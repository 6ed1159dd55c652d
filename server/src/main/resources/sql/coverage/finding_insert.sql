-- One finding. 1 id, 2 kind, 3 community, 4 grid, 5 other grid, 6 building, 7 area, 8 length, 9 households,
-- 10 detail, 11 geometry (WKB, EPSG:4326)
INSERT INTO coverage_finding (id, kind, community_code, grid_code, other_grid_code, building_id, area_m2, length_m,
                              households, detail, geom)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ST_SetSRID(ST_GeomFromEWKB(?), 4326))

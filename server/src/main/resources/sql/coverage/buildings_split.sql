-- Buildings the membership cache marks as cut by their grid's boundary, with the part outside in m² and the other
-- grids the footprint reaches. 1 metric srid, 2 metric srid, 3 prefix
SELECT b.building_id, b.community_code, b.grid_code, ST_AsBinary(ST_Transform(b.geom, ?)) AS wkb,
       ST_Area(ST_Transform(ST_Difference(b.geom, g.geom), ?)) AS outside_m2,
       (SELECT string_agg(o.grid_code, ',' ORDER BY o.grid_code) FROM grid o
        WHERE o.valid_to IS NULL AND o.grid_code <> g.grid_code AND ST_Intersects(o.geom, b.geom)
          AND NOT ST_Touches(o.geom, b.geom)) AS other_grids,
       b.households
FROM building b
JOIN grid g ON g.grid_code = b.grid_code AND g.valid_to IS NULL
WHERE b.grid_split AND b.grid_code LIKE ?

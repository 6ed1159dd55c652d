-- Places matching what a caller typed, in the caller's area: streets and communities (code prefix or name), current
-- grids (code prefix, name or their community's name), buildings (code, address or name) and roads (name). Best first: an exact code, then a
-- code prefix, then a name beginning with the text, then one containing it; areas before grids before buildings.
-- Chinese has no case, so text matches with LIKE (an index-free scan of the area's buildings, tens of ms); codes are
-- compared upper-cased. 1 area prefix LIKE, 2 code (upper-cased), 3 code prefix LIKE, 4 text LIKE '%…%',
-- 5 text prefix LIKE, 6 limit per kind, 7 overall limit
WITH q AS (SELECT ?::text AS area, ?::text AS code, ?::text AS code_prefix, ?::text AS contains,
                  ?::text AS starts, ?::int AS per_kind),
areas AS (
    SELECT a.level AS kind, a.code, a.name, p.name AS detail, NULL::text AS grid_code, a.geom::box2d AS box,
           CASE WHEN a.code = q.code THEN 0 WHEN a.code LIKE q.code_prefix THEN 1 WHEN a.name LIKE q.starts THEN 2
                ELSE 3 END AS rank, 0 AS kind_rank
    FROM admin_area a CROSS JOIN q
    LEFT JOIN admin_area p ON p.code = a.parent_code
    WHERE a.level IN ('STREET', 'COMMUNITY') AND a.geom IS NOT NULL AND a.code LIKE q.area
      AND (a.code LIKE q.code_prefix OR a.name LIKE q.contains)
    ORDER BY rank, a.code LIMIT (SELECT per_kind FROM q)),
grids AS (
    SELECT 'GRID' AS kind, g.grid_code AS code, g.name, ca.name AS detail, g.grid_code, g.geom::box2d AS box,
           CASE WHEN g.grid_code = q.code THEN 0 WHEN g.grid_code LIKE q.code_prefix THEN 1
                WHEN g.name LIKE q.starts THEN 2 ELSE 3 END AS rank, 1 AS kind_rank
    FROM grid g CROSS JOIN q
    JOIN admin_area ca ON ca.code = g.community_code
    WHERE g.valid_to IS NULL AND g.grid_code LIKE q.area
      AND (g.grid_code LIKE q.code_prefix OR g.name LIKE q.contains OR ca.name LIKE q.contains)
    ORDER BY rank, g.grid_code LIMIT (SELECT per_kind FROM q)),
buildings AS (
    SELECT 'BUILDING' AS kind, b.building_id AS code, coalesce(b.address, b.name, b.building_id) AS name,
           concat_ws(' · ', b.name, ca.name) AS detail, b.grid_code, b.geom::box2d AS box,
           CASE WHEN b.building_id = q.code THEN 0 WHEN b.building_id LIKE q.code_prefix THEN 1
                WHEN b.address LIKE q.starts OR b.name LIKE q.starts THEN 2 ELSE 3 END AS rank, 2 AS kind_rank
    FROM building b CROSS JOIN q
    LEFT JOIN admin_area ca ON ca.code = b.community_code
    WHERE coalesce(b.grid_code, b.community_code) LIKE q.area
      AND (b.building_id LIKE q.code_prefix OR b.address LIKE q.contains OR b.name LIKE q.contains)
    ORDER BY rank, b.address, b.building_id LIMIT (SELECT per_kind FROM q)),
roads AS (
    SELECT 'ROAD' AS kind, r.name AS code, r.name, NULL::text AS detail, NULL::text AS grid_code,
           ST_Extent(r.geom)::box2d AS box, CASE WHEN r.name LIKE q.starts THEN 2 ELSE 3 END AS rank, 3 AS kind_rank
    FROM road r CROSS JOIN q
    WHERE r.name LIKE q.contains
    GROUP BY r.name, q.starts
    ORDER BY rank, r.name LIMIT (SELECT per_kind FROM q)),
found AS (SELECT * FROM areas UNION ALL SELECT * FROM grids UNION ALL SELECT * FROM buildings UNION ALL
          SELECT * FROM roads)
SELECT kind, code, name, detail, grid_code, ST_XMin(box) AS min_lon, ST_YMin(box) AS min_lat, ST_XMax(box) AS max_lon,
       ST_YMax(box) AS max_lat
FROM found
ORDER BY rank, kind_rank, code
LIMIT ?

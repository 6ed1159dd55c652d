-- Routes a point to the current grid containing it, or else to the nearest current grid. Among overlapping grids
-- (a coverage defect) the one whose edge is farthest wins and the ticket is flagged for confirmation by the caller.
-- 1 lon, 2 lat
WITH p AS (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326) AS g),
inside AS (
    SELECT gr.grid_code, gr.community_code, 'INSIDE' AS routing,
           ST_Distance(ST_Boundary(gr.geom)::geography, p.g::geography) AS boundary_m,
           count(*) OVER () AS hits
    FROM grid gr, p
    WHERE gr.valid_to IS NULL AND ST_Intersects(gr.geom, p.g)
),
nearest AS (
    SELECT gr.grid_code, gr.community_code, 'NEAREST' AS routing,
           ST_Distance(gr.geom::geography, p.g::geography) AS boundary_m, 1::bigint AS hits
    FROM grid gr, p
    WHERE gr.valid_to IS NULL AND NOT EXISTS (SELECT 1 FROM inside)
    ORDER BY gr.geom <-> p.g   -- planar KNN for candidates; the geodesic distance decides below
    LIMIT 20
)
SELECT r.grid_code, r.community_code, st.code AS street_code, coalesce(st.parent_code, substr(r.community_code, 1, 6))
       AS district_code, r.routing, r.boundary_m, r.hits
FROM (SELECT * FROM inside UNION ALL SELECT * FROM nearest) r
JOIN admin_area cm ON cm.code = r.community_code
LEFT JOIN admin_area st ON st.code = cm.parent_code
ORDER BY (r.routing = 'INSIDE') DESC, CASE WHEN r.routing = 'INSIDE' THEN -r.boundary_m ELSE r.boundary_m END, r.grid_code
LIMIT 1

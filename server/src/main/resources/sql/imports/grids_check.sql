-- Grids whose code names a community that does not exist, or whose polygon lies mostly outside the community its
-- code names (a grid belongs to exactly one community; small outside parts are coverage findings, not errors).
-- 1 share (0–1): the least share of a grid's area that must lie inside its community
SELECT s.row_no, 'grid_code', 'reference',
       'community ' || left(s.grid_code, 12) || ' (the first 12 digits) does not exist; import the areas first'
FROM stage s
WHERE NOT EXISTS (SELECT 1 FROM admin_area a WHERE a.code = left(s.grid_code, 12) AND a.level = 'COMMUNITY')
UNION ALL
SELECT x.row_no, 'geometry', 'community',
       'grid ' || x.grid_code || ' is named for community ' || x.community || ' (' || x.community_name || '), but only '
           || round(100 * x.share) || '% of it lies inside that community'
           || coalesce('; most of the rest lies in ' || x.other || ' (' || x.other_name || ')', '')
FROM (
    SELECT s.row_no, s.grid_code, a.code AS community, a.name AS community_name,
           ST_Area(ST_Intersection(s.geom, a.geom)::geography) / nullif(ST_Area(s.geom::geography), 0) AS share,
           o.code AS other, o.name AS other_name
    FROM stage s
    JOIN admin_area a ON a.code = left(s.grid_code, 12) AND a.level = 'COMMUNITY' AND a.geom IS NOT NULL
    LEFT JOIN LATERAL (
        SELECT b.code, b.name FROM admin_area b
        WHERE b.level = 'COMMUNITY' AND b.code <> a.code AND b.geom IS NOT NULL AND ST_Intersects(b.geom, s.geom)
        ORDER BY ST_Area(ST_Intersection(b.geom, s.geom)) DESC LIMIT 1
    ) o ON true
    WHERE NOT ST_Within(s.geom, a.geom)
) x
WHERE x.share < ?
ORDER BY 1

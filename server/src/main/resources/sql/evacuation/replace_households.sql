-- The households of an evacuation placed in shelters that no longer take them (closed, full, or now in a zone)
-- and not yet there: the ones a re-plan moves. The few shelters are judged first, then only their transfers read.
-- 1 evacuation id, 2 deepest water (m) a shelter takes, 3, 4 metric SRID, 5 evacuation id
WITH e AS (SELECT scenario_id FROM evacuation WHERE id = ?),
gone AS MATERIALIZED (
    SELECT s.id
    FROM shelter s
    JOIN shelter_status ss ON ss.code = s.status
    CROSS JOIN e
    WHERE NOT ss.accepting OR EXISTS (SELECT 1 FROM flood_zone z WHERE z.scenario_id = e.scenario_id
                                      AND z.depth_m > ? AND ST_Intersects(z.geom, s.geom)))
SELECT h.id, h.household_id, t.members, t.accessible_need, b.id AS building,
       coalesce(b.grid_code, b.community_code) AS scope, t.color, c.rank AS color_rank,
       ST_X(ST_Transform(ST_PointOnSurface(b.geom), ?)) AS x, ST_Y(ST_Transform(ST_PointOnSurface(b.geom), ?)) AS y,
       t.id AS transfer_id
FROM gone
JOIN transfer t ON t.shelter_id = gone.id
JOIN household h ON h.id = t.household_id
JOIN building b ON b.id = h.building_id
JOIN risk_color c ON c.code = t.color
JOIN transfer_status ts ON ts.code = t.status
WHERE t.evacuation_id = ? AND NOT ts.settled AND t.arrived_shelter_id IS NULL
ORDER BY c.rank, b.id, h.id

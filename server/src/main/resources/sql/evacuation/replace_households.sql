-- The households of an evacuation placed in shelters that no longer take them (closed, full, or now in a zone)
-- and not yet there: the ones a re-plan moves. 1, 2 metric SRID, 3 evacuation id, 4 deepest water (m) a shelter takes
SELECT h.id, h.household_id, t.members, t.accessible_need, b.id AS building,
       coalesce(b.grid_code, b.community_code) AS scope, t.color, c.rank AS color_rank,
       ST_X(ST_Transform(ST_PointOnSurface(b.geom), ?)) AS x, ST_Y(ST_Transform(ST_PointOnSurface(b.geom), ?)) AS y,
       t.id AS transfer_id
FROM transfer t
JOIN household h ON h.id = t.household_id
JOIN building b ON b.id = h.building_id
JOIN risk_color c ON c.code = t.color
JOIN transfer_status ts ON ts.code = t.status
JOIN shelter s ON s.id = t.shelter_id
JOIN shelter_status ss ON ss.code = s.status
JOIN evacuation e ON e.id = t.evacuation_id
WHERE t.evacuation_id = ? AND NOT ts.settled AND t.arrived_shelter_id IS NULL
  AND (NOT ss.accepting OR EXISTS (SELECT 1 FROM flood_zone z WHERE z.scenario_id = e.scenario_id
                                   AND z.depth_m > ? AND ST_Intersects(z.geom, s.geom)))
ORDER BY c.rank, b.id, h.id

-- Road edges inside a zone of the scenario deeper than the limit: routes avoid them.
-- 1 scenario id, 2 depth limit (m)
SELECT DISTINCT e.id
FROM road_edge e
JOIN flood_zone z ON z.scenario_id = ? AND z.depth_m > ? AND ST_Intersects(z.geom, e.geom)

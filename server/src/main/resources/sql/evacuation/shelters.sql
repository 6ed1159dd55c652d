-- Shelters with occupancy, the people planned to them and not yet there (reserved), and whether the scenario's
-- zones cover them. 1 metric SRID, 2 scenario id (or null), 3 metric SRID
SELECT s.id, s.shelter_id, s.name, s.kind, s.capacity, s.usable_area_m2, s.accessible, s.medical, s.status,
       s.status_reason, ss.accepting, s.address, s.manager_name, s.manager_phone, s.occupancy, s.updated_at,
       coalesce(r.reserved, 0) AS reserved,
       ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat,
       ST_X(ST_Transform(s.geom, ?)) AS mx, ST_Y(ST_Transform(s.geom, ?)) AS my,
       (SELECT max(z.depth_m)::float8 FROM flood_zone z WHERE z.scenario_id = ?::bigint
            AND ST_Intersects(z.geom, s.geom)) AS zone_depth_m
FROM shelter s
JOIN shelter_status ss ON ss.code = s.status
LEFT JOIN (SELECT t.shelter_id, sum(t.members) AS reserved
           FROM transfer t JOIN transfer_status ts ON ts.code = t.status JOIN evacuation e ON e.id = t.evacuation_id
           WHERE e.active AND NOT ts.settled AND t.shelter_id IS NOT NULL
           GROUP BY t.shelter_id) r ON r.shelter_id = s.id
ORDER BY s.shelter_id

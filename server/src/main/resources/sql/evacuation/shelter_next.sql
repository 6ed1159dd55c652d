-- The nearest shelters that accept and have room for this many people now (accessible ones when needed).
-- 1 shelter id (from), 2 people, 3 accessible needed, 4 limit
SELECT s.id, s.shelter_id, s.name, s.capacity - s.occupancy AS room,
       round(ST_Distance(s.geom::geography, f.geom::geography))::int AS distance_m
FROM shelter s JOIN shelter_status ss ON ss.code = s.status, shelter f
WHERE f.id = ? AND s.id <> f.id AND ss.accepting AND s.capacity - s.occupancy >= ? AND (s.accessible OR NOT ?)
ORDER BY s.geom <-> f.geom
LIMIT ?

-- Takes people into a shelter if it accepts them and has room; no row when it does not. The shelter fills up
-- (status FULL) with its last place. 1 people, 2 shelter id, 3 people
UPDATE shelter s
SET occupancy = s.occupancy + p.n,
    status = (SELECT code FROM shelter_status
              WHERE accepting = (s.occupancy + p.n < s.capacity) ORDER BY accepting DESC, rank DESC LIMIT 1),
    updated_at = now()
FROM (SELECT ?::int AS n) p, shelter_status ss
WHERE s.id = ? AND ss.code = s.status AND ss.accepting AND s.occupancy + ? <= s.capacity
RETURNING s.id, s.shelter_id, s.occupancy, s.capacity, s.status

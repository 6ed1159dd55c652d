-- The people and transfers a draft's publish would move: stewards of the buildings that change grid and of the grids
-- that end, and the active transfers of those buildings' households. 1 changed building ids, 2 ended grid codes,
-- 3 changed building ids
SELECT (SELECT count(*) FROM steward s WHERE s.building_id = ANY (?)
            OR (s.building_id IS NULL AND s.grid_code = ANY (?))) AS stewards,
       (SELECT count(*) FROM transfer t JOIN evacuation e ON e.id = t.evacuation_id AND e.active
        JOIN transfer_status ts ON ts.code = t.status AND NOT ts.settled
        JOIN household h ON h.id = t.household_id WHERE h.building_id = ANY (?)) AS transfers

-- What a draft changes against the current grids: buildings whose draft grid did not start from their current grid,
-- with their households, the stewards of those buildings and of grids that lose buildings, and the active transfers
-- of their households. 1 draft (and the same draft for each part below)
WITH moved AS (
    SELECT b.id, b.households, b.grid_code
    FROM redistrict_assignment a
    JOIN building b ON b.id = a.building_id
    LEFT JOIN redistrict_grid g ON g.draft_id = a.draft_id AND g.grid_key = a.grid_key
    WHERE a.draft_id = ? AND g.source_grid_code IS DISTINCT FROM b.grid_code)
SELECT (SELECT count(*) FROM moved) AS buildings,
       (SELECT coalesce(sum(households), 0) FROM moved) AS households,
       (SELECT count(*) FROM steward s WHERE s.building_id IN (SELECT id FROM moved)
            OR (s.building_id IS NULL AND s.grid_code IN (SELECT grid_code FROM moved))) AS stewards,
       (SELECT count(*) FROM transfer t JOIN evacuation e ON e.id = t.evacuation_id AND e.active
        JOIN transfer_status ts ON ts.code = t.status AND NOT ts.settled
        JOIN household h ON h.id = t.household_id WHERE h.building_id IN (SELECT id FROM moved)) AS transfers

-- Stewards move with their building when they have one, else to their grid's successor. Returns how many changed
-- grid.
-- 1 area prefix
WITH moved AS (
    UPDATE steward s
    SET grid_code = coalesce(b.grid_code, ps.new_code, s.grid_code)
    FROM steward s0
    LEFT JOIN building b ON b.id = s0.building_id
    LEFT JOIN publish_successor ps ON ps.old_code = s0.grid_code
    WHERE s.id = s0.id AND s0.grid_code LIKE ?
      AND coalesce(b.grid_code, ps.new_code, s0.grid_code) IS DISTINCT FROM s0.grid_code
    RETURNING s.id)
SELECT count(*) FROM moved

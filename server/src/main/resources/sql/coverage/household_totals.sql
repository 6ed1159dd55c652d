-- Households of the area, and those in a building some grid holds (building.households is a trigger-kept count).
-- 1 prefix
SELECT coalesce(sum(households), 0) AS households, coalesce(sum(households) FILTER (WHERE grid_code IS NOT NULL), 0) AS covered
FROM building
WHERE coalesce(grid_code, community_code) LIKE ?

-- Households of the area, and those in a building some grid holds (area_stats: per grid, or per community for
-- buildings in no grid). 1 prefix
SELECT coalesce(sum(households), 0) AS households,
       coalesce(sum(households) FILTER (WHERE length(code) = 15), 0) AS covered
FROM area_stats
WHERE code LIKE ?

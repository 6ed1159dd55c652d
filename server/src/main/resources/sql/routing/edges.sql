-- The edges a route may use (pgRouting's edges query, undirected: walking or driving either way), leaving out the
-- flooded ones. The placeholder is an array literal of flooded edge ids, formatted from numbers by RoadRepository.
SELECT id, source, target, length_m AS cost, length_m AS reverse_cost
FROM road_edge
WHERE id NOT IN (SELECT unnest('%s'::bigint[]))

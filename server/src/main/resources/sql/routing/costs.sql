-- Road distance (m) from each start vertex to each target vertex it reaches within the cutoff: Dijkstra outward
-- from the starts (the shelters), which is much cheaper than many-to-many between buildings and shelters.
-- 1 edges query, 2 start vertices (bigint[]), 3 cutoff (m), 4 target vertices (bigint[])
SELECT d.from_v AS start, d.node AS target, d.agg_cost AS metres
FROM pgr_drivingDistance(?, ?::bigint[], ?::float8, false) d
JOIN unnest(?::bigint[]) t(node) ON t.node = d.node

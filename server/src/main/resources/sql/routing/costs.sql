-- Road distance (m) from the start vertices (the shelters) to each target vertex (the buildings) within the cutoff:
-- Dijkstra outward from the starts, which is much cheaper than many-to-many between buildings and shelters. Per
-- target only the nearest starts are kept: the K nearest of all, and the K nearest accessible ones.
-- 1 edges query, 2 start vertices (bigint[]), 3 cutoff (m), 4 target vertices (bigint[]),
-- 5 accessible start vertices (bigint[]), 6 K, 7 K
WITH d AS (
    SELECT d.from_v, d.node, d.agg_cost, a.v IS NOT NULL AS accessible
    FROM pgr_drivingDistance(?, ?::bigint[], ?::float8, false) d
    JOIN unnest(?::bigint[]) t(node) ON t.node = d.node
    LEFT JOIN unnest(?::bigint[]) a(v) ON a.v = d.from_v),
r AS (
    SELECT from_v, node, agg_cost, accessible,
           row_number() OVER (PARTITION BY node ORDER BY agg_cost) AS k,
           row_number() OVER (PARTITION BY node, accessible ORDER BY agg_cost) AS ka
    FROM d)
SELECT from_v AS start, node AS target, agg_cost AS metres
FROM r
WHERE k <= ? OR (accessible AND ka <= ?)

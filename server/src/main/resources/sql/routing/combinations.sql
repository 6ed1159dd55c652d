-- pgRouting's combinations query: the vertex pairs to route. The placeholder is a list of "(start::bigint, target::bigint)"
-- formatted from numbers by RoadRepository.
SELECT source, target FROM (VALUES %s) AS t(source, target)

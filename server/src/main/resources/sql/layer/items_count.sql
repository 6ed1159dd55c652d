-- The number of a layer's features a query matches, for a page past the last one (where items.sql has no row to
-- carry it). Filled in and bound as items.sql, without limit and offset.
SELECT count(*)
FROM /*view*/ t
WHERE (?::float8 IS NULL OR t.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326))/*filters*/

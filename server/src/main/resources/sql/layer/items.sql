-- A page of a layer's features (OGC API – Features items), ordered by id, with the number matched. The view, its
-- published properties and the property filters are filled in from the layer's definition (never from a request);
-- every value is bound. 1–4 bbox west, south, east, north (all null for none), then one value per property
-- filter, then limit, offset
SELECT t.id, json_build_object(/*properties*/)::text, ST_AsGeoJSON(t.geom, 7), count(*) OVER ()
FROM /*view*/ t
WHERE (?::float8 IS NULL OR t.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326))/*filters*/
ORDER BY t.id
LIMIT ? OFFSET ?

-- One feature of a layer by id. The view and its properties are filled in from the layer's definition. 1 id
SELECT t.id, json_build_object(/*properties*/)::text, ST_AsGeoJSON(t.geom, 7)
FROM /*view*/ t
WHERE t.id = ?

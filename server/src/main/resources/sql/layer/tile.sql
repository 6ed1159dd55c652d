-- One vector tile of a layer. The view, its published columns and the scenario and scope filters are filled in from
-- the layer's definition (never from a request). 1 layer name, 2–4 z/x/y, 5–7 z/x/y, then the scenario, the scope
SELECT ST_AsMVT(q, ?, 4096, 'geom', 'fid')
FROM (SELECT abs(hashtext(t.id)::bigint) AS fid/*columns*/,
             ST_AsMVTGeom(ST_Transform(t.geom, 3857), ST_TileEnvelope(?, ?, ?), 4096, 64, true) AS geom
      FROM /*view*/ t
      WHERE t.geom && ST_Transform(ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096), 4326)/*scenario*//*scope*/) q
WHERE q.geom IS NOT NULL

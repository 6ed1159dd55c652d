-- A layer's extent in lon/lat; nulls when it is empty. The view is filled in from the layer's definition.
SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) AS e FROM /*view*/) x

-- Roads and water lines over a community (metric CRS): proposed grid boundaries prefer them. 1 srid, 2 community
SELECT ST_AsBinary(ST_Transform(x.geom, ?)) AS wkb
FROM (SELECT r.geom FROM road r, admin_area a WHERE a.code = ? AND r.geom && a.geom
      UNION ALL
      SELECT ST_Boundary(w.geom) FROM water_feature w, admin_area a
      WHERE a.code = ? AND w.geom && a.geom AND ST_Dimension(w.geom) = 2
      UNION ALL
      SELECT w.geom FROM water_feature w, admin_area a
      WHERE a.code = ? AND w.geom && a.geom AND ST_Dimension(w.geom) = 1) x

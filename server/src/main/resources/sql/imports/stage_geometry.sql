-- Defence in depth: every staged geometry as PostGIS sees it. The application checked it with JTS; this refuses what
-- GEOS would still find invalid, empty parts, rings of fewer than 4 points, and more than two dimensions.
SELECT s.row_no, 'geometry', 'invalid_geometry',
       'geometry is not valid as the database sees it: ' || ST_IsValidReason(s.geom)
FROM stage s
WHERE s.geom IS NOT NULL AND NOT ST_IsValid(s.geom)
UNION ALL
SELECT s.row_no, 'geometry', 'malformed_geometry', 'geometry has an empty part or ring'
FROM stage s
WHERE s.geom IS NOT NULL
  AND EXISTS (SELECT 1 FROM ST_Dump(s.geom) d WHERE ST_IsEmpty(d.geom)
              OR (GeometryType(d.geom) = 'POLYGON' AND EXISTS (
                    SELECT 1 FROM ST_DumpRings(d.geom) r WHERE ST_NPoints(r.geom) < 4)))
UNION ALL
SELECT s.row_no, 'geometry', 'malformed_geometry', 'geometry has ' || ST_NDims(s.geom) || ' dimensions; 2 are stored'
FROM stage s
WHERE s.geom IS NOT NULL AND ST_NDims(s.geom) <> 2
ORDER BY 1

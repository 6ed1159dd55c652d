-- Buildings re-imported with fewer floors, fewer units or without the basement dwelling their households live in;
-- and, once communities are loaded, buildings in none of them (nobody's scope would hold them: stored, but no one
-- could see them and coverage QA would not count them).
SELECT s.row_no, 'floors', 'households',
       'building ' || s.building_id || ' has households on floor ' || max(h.floor) || ', above ' || s.floors
           || ' floors; correct the floors or the households first'
FROM stage s JOIN building b ON b.building_id = s.building_id JOIN household h ON h.building_id = b.id
GROUP BY s.row_no, s.building_id, s.floors
HAVING max(h.floor) > s.floors
UNION ALL
SELECT s.row_no, 'basement_dwelling', 'households',
       'building ' || s.building_id || ' has households on floor 0 (basement) but basement_dwelling is false'
FROM stage s JOIN building b ON b.building_id = s.building_id
WHERE NOT coalesce(s.basement_dwelling, false)
  AND EXISTS (SELECT 1 FROM household h WHERE h.building_id = b.id AND h.floor = 0)
UNION ALL
SELECT s.row_no, 'units', 'households',
       'building ' || s.building_id || ' has households in unit ' || max(h.unit) || ', beyond ' || s.units || ' unit(s)'
FROM stage s JOIN building b ON b.building_id = s.building_id JOIN household h ON h.building_id = b.id
WHERE s.units IS NOT NULL AND s.units > 0
GROUP BY s.row_no, s.building_id, s.units
HAVING max(h.unit) > s.units
UNION ALL
SELECT s.row_no, 'geometry', 'no_community',
       'building ' || s.building_id || ' lies in no community' || coalesce(' (nearest: ' || n.name || ', '
           || round(n.m) || ' m away)', '') || '; import its community first, or correct the geometry'
FROM stage s
LEFT JOIN LATERAL (SELECT a.name, ST_Distance(a.geom::geography, s.geom::geography) AS m FROM admin_area a
                   WHERE a.level = 'COMMUNITY' AND a.geom IS NOT NULL ORDER BY a.geom <-> s.geom LIMIT 1) n ON true
WHERE s.geom IS NOT NULL
  AND EXISTS (SELECT 1 FROM admin_area a WHERE a.level = 'COMMUNITY' AND a.geom IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM admin_area a WHERE a.level = 'COMMUNITY' AND a.geom IS NOT NULL
                  AND ST_Intersects(a.geom, ST_PointOnSurface(s.geom)))
ORDER BY 1

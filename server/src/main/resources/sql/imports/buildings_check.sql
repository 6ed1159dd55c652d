-- Buildings re-imported with fewer floors, fewer units or without the basement dwelling their households live in.
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
ORDER BY 1

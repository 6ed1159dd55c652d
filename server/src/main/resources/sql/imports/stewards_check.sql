SELECT s.row_no, 'building_id', 'reference', 'building ' || s.building_id || ' does not exist'
FROM stage s
WHERE s.building_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM building b WHERE b.building_id = s.building_id)
UNION ALL
SELECT s.row_no, 'grid_code', 'reference', 'grid ' || s.grid_code || ' does not exist'
FROM stage s
WHERE s.grid_code IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM grid g WHERE g.grid_code = s.grid_code AND g.valid_to IS NULL)
UNION ALL
SELECT s.row_no, 'area_code', 'reference', 'area ' || s.area_code || ' does not exist'
FROM stage s
WHERE s.area_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM admin_area a WHERE a.code = s.area_code)
ORDER BY 1

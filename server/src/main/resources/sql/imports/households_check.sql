SELECT s.row_no, 'building_id', 'reference',
       'building ' || s.building_id || ' does not exist; import the buildings first'
FROM stage s
WHERE NOT EXISTS (SELECT 1 FROM building b WHERE b.building_id = s.building_id)
ORDER BY s.row_no

SELECT s.row_no, 'parent_code', 'reference',
       'parent area ' || s.parent_code || ' does not exist (neither in the database nor in this file)'
FROM stage s
WHERE s.parent_code IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM admin_area a WHERE a.code = s.parent_code)
  AND NOT EXISTS (SELECT 1 FROM stage p WHERE p.code = s.parent_code)
ORDER BY s.row_no

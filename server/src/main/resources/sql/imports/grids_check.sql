SELECT s.row_no, 'grid_code', 'reference',
       'community ' || left(s.grid_code, 12) || ' (the first 12 digits) does not exist; import the areas first'
FROM stage s
WHERE NOT EXISTS (SELECT 1 FROM admin_area a WHERE a.code = left(s.grid_code, 12) AND a.level = 'COMMUNITY')
ORDER BY s.row_no

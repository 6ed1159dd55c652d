-- Recorded inundations: the building must exist, and a building's flood is given once per file (two rows for one
-- building and flood would both try to be the one stored).
SELECT s.row_no, 'building_id', 'reference',
       'building ' || s.building_id || ' does not exist; import the buildings first'
FROM stage s
WHERE NOT EXISTS (SELECT 1 FROM building b WHERE b.building_id = s.building_id)
UNION ALL
SELECT s.row_no, 'flood_name', 'duplicate',
       'building ' || s.building_id || ' and flood ''' || s.flood_name || ''' are given again (first in row '
           || f.first_row || '); give each building''s flood once'
FROM stage s
JOIN (SELECT building_id, flood_name, min(row_no) AS first_row FROM stage GROUP BY building_id, flood_name
      HAVING count(*) > 1) f ON f.building_id = s.building_id AND f.flood_name = s.flood_name
WHERE s.row_no > f.first_row
ORDER BY 1

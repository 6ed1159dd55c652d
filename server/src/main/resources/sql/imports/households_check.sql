-- Households that refer to a building that does not exist, or contradict it: a floor above the building's floors,
-- floor 0 (basement) in a building without a basement dwelling, a unit number beyond the building's units.
SELECT s.row_no, 'building_id', 'reference',
       'building ' || s.building_id || ' does not exist; import the buildings first'
FROM stage s
WHERE NOT EXISTS (SELECT 1 FROM building b WHERE b.building_id = s.building_id)
UNION ALL
SELECT s.row_no, 'floor', 'building',
       'floor ' || s.floor || ' is above the top floor of building ' || b.building_id || ' (' || b.floors || ' floors)'
FROM stage s JOIN building b ON b.building_id = s.building_id
WHERE s.floor > b.floors
UNION ALL
SELECT s.row_no, 'floor', 'building',
       'floor 0 is a basement dwelling, but building ' || b.building_id || ' has none (basement_dwelling is false)'
FROM stage s JOIN building b ON b.building_id = s.building_id
WHERE s.floor = 0 AND NOT b.basement_dwelling
UNION ALL
SELECT s.row_no, 'unit', 'building',
       'unit ' || s.unit || ' does not exist: building ' || b.building_id || ' has ' || b.units || ' unit(s)'
FROM stage s JOIN building b ON b.building_id = s.building_id
WHERE s.unit IS NOT NULL AND b.units > 0 AND s.unit > b.units
ORDER BY 1

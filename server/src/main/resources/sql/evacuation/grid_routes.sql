-- The building → shelter pairs of a grid's active transfers, with how many households and people go each way.
-- No personal data. 1 grid code
SELECT e.scenario_id, b.id AS building, b.building_id AS building_code, b.address, s.id AS shelter,
       s.shelter_id AS shelter_code, s.name AS shelter_name, count(*) AS households, sum(t.members) AS people
FROM transfer t
JOIN evacuation e ON e.id = t.evacuation_id AND e.active
JOIN household h ON h.id = t.household_id
JOIN building b ON b.id = h.building_id
JOIN shelter s ON s.id = t.shelter_id
WHERE b.grid_code = ?
GROUP BY e.scenario_id, b.id, b.building_id, b.address, s.id, s.shelter_id, s.name
ORDER BY b.building_id, s.shelter_id

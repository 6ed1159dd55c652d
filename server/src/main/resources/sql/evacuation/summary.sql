-- Transfers of active evacuations in an area by child area (street, community or grid) and status.
-- 1 child code length, 2 area prefix
SELECT left(coalesce(b.grid_code, b.community_code), ?) AS code, t.status, (t.shelter_id IS NULL) AS unplaced,
       t.unplaced_reason, count(*) AS households, sum(t.members) AS people,
       sum(gm_vulnerable_people(h)) AS vulnerable_people, count(*) FILTER (WHERE t.cadre_id IS NULL) AS no_cadre
FROM transfer t
JOIN evacuation e ON e.id = t.evacuation_id AND e.active
JOIN household h ON h.id = t.household_id
JOIN building b ON b.id = h.building_id
WHERE coalesce(b.grid_code, b.community_code) LIKE ? || '%'
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2

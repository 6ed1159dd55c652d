-- One transfer, locked for a status change. 1 transfer id (or null), 2 check-in code (or null)
SELECT t.id, t.evacuation_id, t.household_id, t.members, t.accessible_need, t.shelter_id, t.arrived_shelter_id,
       t.status, t.event_seq, t.code, coalesce(b.grid_code, b.community_code) AS scope, e.active,
       h.household_id AS household_code
FROM transfer t
JOIN household h ON h.id = t.household_id
JOIN building b ON b.id = h.building_id
JOIN evacuation e ON e.id = t.evacuation_id
WHERE t.id = coalesce(?::bigint, (SELECT id FROM transfer WHERE code = ?::text))
FOR UPDATE OF t

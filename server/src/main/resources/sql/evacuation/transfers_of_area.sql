-- An area's transfers for export, grid by grid in order of urgency: colour, then not yet done before done, then
-- building and unit.
-- Contact in clear (the service masks). 1 area prefix, 2 limit (the export cap)
SELECT t.id, t.code, h.household_id, b.building_id, b.address, h.unit, h.floor, h.room, t.members,
       gm_vulnerable_people(h) AS vulnerable_people, t.accessible_need, t.color, t.status, t.unplaced_reason,
       s.shelter_id, s.name AS shelter_name, t.distance_m, st.name AS cadre_name, st.phone AS cadre_phone,
       h.contact_name, h.phone, t.updated_at, count(*) OVER () AS total
FROM transfer t
JOIN evacuation e ON e.id = t.evacuation_id AND e.active
JOIN household h ON h.id = t.household_id
JOIN building b ON b.id = h.building_id
JOIN risk_color c ON c.code = t.color
JOIN transfer_status ts ON ts.code = t.status
LEFT JOIN shelter s ON s.id = t.shelter_id
LEFT JOIN steward st ON st.id = t.cadre_id
WHERE coalesce(b.grid_code, b.community_code) LIKE ? || '%'
ORDER BY b.grid_code NULLS LAST, c.rank, ts.settled, ts.rank, b.building_id, h.unit NULLS FIRST, h.floor, h.household_id
LIMIT ?

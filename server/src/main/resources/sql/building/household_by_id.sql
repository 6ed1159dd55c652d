-- One household with its building, its scope and its vulnerable people (gm_vulnerable_people). 1 household_id
SELECT h.household_id, b.building_id, h.unit, h.floor, h.room, h.members, h.elderly, h.children, h.sick,
       h.disabled, h.pregnant, h.living_alone, h.oldest_age, h.contact_name, h.phone, h.id_number, gm_vulnerable_people(h) AS vulnerable,
       coalesce(b.grid_code, b.community_code) AS scope_code
FROM household h
JOIN building b ON b.id = h.building_id
WHERE h.household_id = ?

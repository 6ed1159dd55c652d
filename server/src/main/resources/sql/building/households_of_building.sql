-- A building's households, with their vulnerable people counted the one way (gm_vulnerable_people). 1 building row id
SELECT h.household_id, h.unit, h.floor, h.room, h.members, h.elderly, h.children, h.sick, h.disabled, h.pregnant,
       h.living_alone, h.oldest_age, h.contact_name, h.phone, h.id_number, gm_vulnerable_people(h) AS vulnerable
FROM household h
WHERE h.building_id = ?
ORDER BY h.unit NULLS FIRST, h.floor, h.room, h.household_id

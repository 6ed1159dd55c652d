-- 1 building row id
SELECT household_id, unit, floor, room, members, elderly, children, sick, disabled, pregnant, living_alone,
       oldest_age, contact_name, phone, id_number
FROM household
WHERE building_id = ?
ORDER BY unit NULLS FIRST, floor, room, household_id

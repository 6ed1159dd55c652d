WITH up AS (
    INSERT INTO household (household_id, building_id, unit, floor, room, members, elderly, children, sick, disabled,
                           pregnant, living_alone, oldest_age, contact_name, phone, id_number)
    SELECT s.household_id, b.id, s.unit, s.floor, s.room, s.members, coalesce(s.elderly, 0),
           coalesce(s.children, 0), coalesce(s.sick, 0), coalesce(s.disabled, 0), coalesce(s.pregnant, 0),
           coalesce(s.living_alone, false), s.oldest_age, s.contact_name, s.phone, s.id_number
    FROM stage s JOIN building b ON b.building_id = s.building_id
    ON CONFLICT (household_id) DO UPDATE
        SET building_id = EXCLUDED.building_id, unit = EXCLUDED.unit, floor = EXCLUDED.floor, room = EXCLUDED.room,
            members = EXCLUDED.members, elderly = EXCLUDED.elderly, children = EXCLUDED.children,
            sick = EXCLUDED.sick, disabled = EXCLUDED.disabled, pregnant = EXCLUDED.pregnant,
            living_alone = EXCLUDED.living_alone, oldest_age = EXCLUDED.oldest_age,
            contact_name = EXCLUDED.contact_name, phone = EXCLUDED.phone, id_number = EXCLUDED.id_number,
            updated_at = now()
    RETURNING (xmax = 0) AS inserted)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted), 0 FROM up

-- Registers people who arrived without a transfer. 1 shelter id, 2 members, 3 vulnerable, 4 contact name,
-- 5 phone, 6 came from, 7 note, 8 client key, 9 registered by
INSERT INTO shelter_walk_in (shelter_id, members, vulnerable, contact_name, phone, came_from, note, client_key,
                             registered_by)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id, registered_at

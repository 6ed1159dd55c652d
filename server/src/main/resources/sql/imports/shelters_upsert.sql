-- Shelters: a file's "open = false" closes a shelter; otherwise a new shelter stands by and an existing one keeps
-- its status (an import must not reopen a shelter the office closed, nor reset its occupancy).
WITH up AS (
    INSERT INTO shelter (shelter_id, name, kind, capacity, accessible, status, address, usable_area_m2, medical,
                         manager_name, manager_phone, geom)
    SELECT shelter_id, name, coalesce(kind, 'OTHER'), capacity, coalesce(accessible, false),
           CASE WHEN open IS FALSE THEN (SELECT code FROM shelter_status WHERE NOT accepting ORDER BY rank DESC LIMIT 1)
                ELSE (SELECT code FROM shelter_status ORDER BY rank LIMIT 1) END,
           address, usable_area_m2, coalesce(medical, false), manager_name, manager_phone, geom
    FROM stage
    ON CONFLICT (shelter_id) DO UPDATE
        SET name = EXCLUDED.name, kind = EXCLUDED.kind, capacity = EXCLUDED.capacity,
            accessible = EXCLUDED.accessible, address = EXCLUDED.address, geom = EXCLUDED.geom,
            usable_area_m2 = EXCLUDED.usable_area_m2, medical = EXCLUDED.medical,
            manager_name = EXCLUDED.manager_name, manager_phone = EXCLUDED.manager_phone,
            status = CASE WHEN EXCLUDED.status = (SELECT code FROM shelter_status WHERE NOT accepting
                                                  ORDER BY rank DESC LIMIT 1) THEN EXCLUDED.status
                          ELSE shelter.status END,
            updated_at = now()
    RETURNING (xmax = 0) AS inserted)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted), 0 FROM up

WITH up AS (
    INSERT INTO shelter (shelter_id, name, kind, capacity, accessible, open, address, geom)
    SELECT shelter_id, name, coalesce(kind, 'OTHER'), capacity, coalesce(accessible, false), coalesce(open, true),
           address, geom
    FROM stage
    ON CONFLICT (shelter_id) DO UPDATE
        SET name = EXCLUDED.name, kind = EXCLUDED.kind, capacity = EXCLUDED.capacity,
            accessible = EXCLUDED.accessible, open = EXCLUDED.open, address = EXCLUDED.address, geom = EXCLUDED.geom
    RETURNING (xmax = 0) AS inserted)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted), 0 FROM up

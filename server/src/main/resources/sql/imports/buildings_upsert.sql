WITH up AS (
    INSERT INTO building (building_id, name, address, floors, units, structure, safety_grade, basement_dwelling,
                          use, geom)
    SELECT building_id, name, address, floors, coalesce(units, 0), structure, safety_grade,
           coalesce(basement_dwelling, false), coalesce(use, 'RESIDENTIAL'), ST_Multi(geom)
    FROM stage
    ON CONFLICT (building_id) DO UPDATE
        SET name = EXCLUDED.name, address = EXCLUDED.address, floors = EXCLUDED.floors, units = EXCLUDED.units,
            structure = EXCLUDED.structure, safety_grade = EXCLUDED.safety_grade,
            basement_dwelling = EXCLUDED.basement_dwelling, use = EXCLUDED.use, geom = EXCLUDED.geom,
            updated_at = now()
    RETURNING (xmax = 0) AS inserted)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted), 0 FROM up

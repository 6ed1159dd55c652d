WITH up AS (
    INSERT INTO steward (steward_id, name, phone, role, area_code, grid_code, road, building_id, unit)
    SELECT s.steward_id, s.name, s.phone, s.role, s.area_code, s.grid_code, s.road, b.id, s.unit
    FROM stage s LEFT JOIN building b ON b.building_id = s.building_id
    ON CONFLICT (steward_id) DO UPDATE
        SET name = EXCLUDED.name, phone = EXCLUDED.phone, role = EXCLUDED.role, area_code = EXCLUDED.area_code,
            grid_code = EXCLUDED.grid_code, road = EXCLUDED.road, building_id = EXCLUDED.building_id,
            unit = EXCLUDED.unit
    RETURNING (xmax = 0) AS inserted)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted), 0 FROM up

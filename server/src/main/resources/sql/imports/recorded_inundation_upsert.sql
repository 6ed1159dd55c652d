WITH up AS (
    INSERT INTO recorded_inundation (building_id, flood_name, flood_date, depth_m)
    SELECT b.id, s.flood_name, s.flood_date, s.depth_m
    FROM stage s JOIN building b ON b.building_id = s.building_id
    ON CONFLICT (building_id, flood_name) DO UPDATE
        SET flood_date = EXCLUDED.flood_date, depth_m = EXCLUDED.depth_m
    RETURNING (xmax = 0) AS inserted)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted), 0 FROM up

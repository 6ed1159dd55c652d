-- 1 building row id
SELECT flood_name, flood_date, depth_m FROM recorded_inundation WHERE building_id = ? ORDER BY flood_date, flood_name

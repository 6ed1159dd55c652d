-- 1 building row id
SELECT steward_id, name, phone, role, unit FROM steward WHERE building_id = ? ORDER BY role, unit NULLS FIRST

-- Edits a shelter: each null keeps the value. status_reason is kept with a status the office set by hand.
-- 1 status, 2 reason, 3 capacity, 4 usable area, 5 accessible, 6 medical, 7 manager name, 8 manager phone, 9 shelter id
UPDATE shelter SET status = coalesce(?, status), status_reason = coalesce(?, status_reason),
       capacity = coalesce(?, capacity), usable_area_m2 = coalesce(?, usable_area_m2),
       accessible = coalesce(?, accessible), medical = coalesce(?, medical),
       manager_name = coalesce(?, manager_name), manager_phone = coalesce(?, manager_phone), updated_at = now()
WHERE shelter_id = ?
RETURNING id

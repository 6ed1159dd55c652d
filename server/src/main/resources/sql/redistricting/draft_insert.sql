-- A new draft. 1 area, 2 name, 3 owner
INSERT INTO redistrict_draft (area_code, name, owner) VALUES (?, ?, ?) RETURNING id

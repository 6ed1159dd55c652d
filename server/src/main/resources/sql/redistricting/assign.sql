-- Moves buildings of a draft to a grid (null: none). 1 key, 2 draft, 3 building row ids
UPDATE redistrict_assignment SET grid_key = ? WHERE draft_id = ? AND building_id = ANY (?)

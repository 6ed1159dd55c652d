-- A draft's assignment: building (row id) → draft grid key (null: none). 1 draft
SELECT building_id, grid_key FROM redistrict_assignment WHERE draft_id = ?

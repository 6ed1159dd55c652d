-- Ends the current grids of the area at the effective moment (they stay, as history). 1 effective, 2 area prefix
UPDATE grid SET valid_to = ? WHERE valid_to IS NULL AND grid_code LIKE ? RETURNING id, grid_code, valid_from

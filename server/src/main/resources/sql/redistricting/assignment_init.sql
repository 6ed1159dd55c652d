-- A new draft's assignment: every building of its area in the draft grid made from its current grid (none when
-- it is in no grid). 1 draft, 2 draft, 3 area prefix
INSERT INTO redistrict_assignment (draft_id, building_id, grid_key)
SELECT ?, b.id, g.grid_key
FROM building b
LEFT JOIN redistrict_grid g ON g.draft_id = ? AND g.source_grid_code = b.grid_code
WHERE b.community_code LIKE ?
